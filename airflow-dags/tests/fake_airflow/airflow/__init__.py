"""Fake Airflow (tests only): see tests/fake_airflow/README.md."""
__version__ = "2.10.5"

from airflow._fake import DAG  # noqa: E402,F401
