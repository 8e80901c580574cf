from airflow._fake import CronDataIntervalTimetable  # noqa: F401
