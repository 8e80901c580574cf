from airflow._fake import BashOperator  # noqa: F401
