from airflow._fake import DAG, BaseOperator, Variable2 as Variable  # noqa: F401
