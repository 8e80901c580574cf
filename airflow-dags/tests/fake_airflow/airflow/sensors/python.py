from airflow._fake import PythonSensor  # noqa: F401
