from airflow._fake import DAG, Param, Variable3 as Variable  # noqa: F401
