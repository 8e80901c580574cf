"""AND day+1: the nightly retraining of AND's parameter set.

Each run processes one day, ``ds`` (Airflow's logical date: the start of the run's data interval). Once that day's
retx counters are complete, it trains on the history that ends with ``ds`` the parameter set the speed layer serves
on ``ds + 1``, gates it against the set serving now, and publishes it:

    wait-for-input >> [ingest >>] profile >> noise >> train-detector >> train-router >> validate >> publish

* ``wait-for-input`` waits (reschedule mode, no worker slot held) for ``<lake>/retx_counters/dt=<ds>/_SUCCESS``,
  or for the JSON-lines input when an ingest input is configured;
* each step runs ``andiag batch <step> --lake ... --date <ds> ...`` (BashOperator), or submits the offline-batch jar
  with the same arguments (SparkSubmitOperator, when the Spark provider is installed or ``operator`` says so);
* ``validate`` is the quality gate: it exits 1 with the reasons in its log when the candidate is worse than the
  published LATEST beyond the tolerances, and ``publish`` then does not run (LATEST stays as it is).

The steps, their order and their arguments come from ``and_pipeline/steps.py``, which ``andiag pipeline run`` (the
same pipeline without Airflow) uses too. Configuration: the JSON Airflow Variable ``and_day_plus_one`` (every key,
its default and meaning: docs/airflow.md, or ``and_pipeline/settings.py``); the per-run keys are also DAG params, so
one run can override them (``airflow dags trigger -c '{"max_flagged_ratio": 5}' and_day_plus_one``).

Works with Airflow 2.5+ and 3.x, standard operators only.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import shlex
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # and_pipeline/ sits next to this file in the dags folder
    sys.path.insert(0, _HERE)

import airflow  # noqa: E402
from and_pipeline import settings as and_settings  # noqa: E402
from and_pipeline import steps as and_steps  # noqa: E402

try:  # Airflow 3
    from airflow.sdk import DAG, Param, Variable
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.models import Variable
    from airflow.models.param import Param
try:  # the standard provider: Airflow 3, and Airflow 2.9+ where it is installed
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.providers.standard.sensors.python import PythonSensor
except ImportError:
    from airflow.operators.bash import BashOperator
    from airflow.sensors.python import PythonSensor
# Explicitly the data-interval timetable: with it `ds` is the day that has just ended, on Airflow 2 and 3 alike
# (Airflow 3's default for a cron string is CronTriggerTimetable, whose `ds` is the day the run starts).
from airflow.timetables.interval import CronDataIntervalTimetable  # noqa: E402

DAG_ID = "and_day_plus_one"
#: The Airflow Variable holding the configuration, a JSON object (AIRFLOW_VAR_AND_DAY_PLUS_ONE works too).
VARIABLE = "and_day_plus_one"
BATCH_MAIN_CLASS = "io.andiag.batch.cli.BatchCli"
AIRFLOW_MAJOR = int(str(airflow.__version__).split(".")[0])

log = logging.getLogger(__name__)


def spark_submit_operator():
    """SparkSubmitOperator when apache-airflow-providers-apache-spark is installed, else None."""
    try:
        from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
    except ImportError:
        return None
    return SparkSubmitOperator


def load_config() -> dict:
    """The Variable's settings over the defaults, validated (an invalid Variable is an import error naming it)."""
    raw = Variable.get(VARIABLE, None, deserialize_json=True)
    if raw is not None and not isinstance(raw, dict):
        raise ValueError(f"Airflow Variable {VARIABLE} must hold a JSON object, got {raw!r}")
    return and_settings.resolve(raw or {}, source=f"Airflow Variable {VARIABLE}")


def on_failure(context) -> None:
    """Failure hook of every task: one line an alerting rule can match. Chain a notifier here (Slack, e-mail,
    PagerDuty) when the deployment has one."""
    ti = context.get("task_instance") or context.get("ti")
    log.error("AND day+1 FAILED: dag %s task %s ds %s try %s: %s (log: %s)", DAG_ID, getattr(ti, "task_id", "?"),
              context.get("ds"), getattr(ti, "try_number", "?"), context.get("exception"), getattr(ti, "log_url", "-"))


def on_sla_miss(dag, task_list, blocking_task_list, slas, blocking_tis) -> None:
    """Airflow 2: the set was not published in time (``sla_hours`` after the scheduled time)."""
    log.error("AND day+1 SLA MISSED: dag %s: %s (blocking: %s)", getattr(dag, "dag_id", DAG_ID), task_list,
              blocking_task_list)


def _expression(name: str, config: dict) -> str:
    """The Jinja expression of a placeholder of the argument templates."""
    if name == "date":
        return "ds"
    if name == "ingest_input":  # a DAG-shape setting (it decides whether the ingest task exists)
        return json.dumps(config["ingest_input"]) + ".replace('{date}', ds)"
    if name in and_settings.PER_RUN:
        return f"params.{name}"
    raise ValueError(f"no template value for placeholder {{{name}}}")


def _template(arg: str, config: dict, shell: bool) -> str:
    names = and_steps.placeholders(arg)
    if not names:
        return shlex.quote(arg) if shell else arg
    if arg != "{" + names[0] + "}":
        raise ValueError(f"an argument template is a literal or one placeholder, got {arg!r}")
    return "{{ " + _expression(names[0], config) + (" | sh" if shell else "") + " }}"


def bash_command(step: and_steps.Step, config: dict) -> str:
    """``andiag batch <args>`` of a step, as a bash template (values quoted by the ``sh`` filter when rendered)."""
    return " ".join(["{{ params.andiag | sh }}", "batch", *(_template(a, config, shell=True) for a in step.args)])


def spark_args(step: and_steps.Step, config: dict) -> list[str]:
    """The same arguments for SparkSubmitOperator's application_args."""
    return [_template(a, config, shell=False) for a in step.args]


def input_marker(config: dict) -> str:
    """The templated path the sensor waits for."""
    names = {n: "{{ " + _expression(n, config) + " }}" for n in ("lake", "date", "ingest_input")}
    return and_steps.fill(and_steps.input_marker(bool(config["ingest_input"])), names)


def build(config: dict) -> DAG:
    operator = config["operator"]
    spark_submit = spark_submit_operator() if operator in ("auto", "spark-submit") else None
    if operator == "spark-submit" and spark_submit is None:
        raise ValueError(f"Airflow Variable {VARIABLE}: operator is spark-submit but "
                         "apache-airflow-providers-apache-spark is not installed")
    use_spark_submit = spark_submit is not None
    sla_hours = config["sla_hours"] if AIRFLOW_MAJOR < 3 else 0

    default_args = {
        "owner": "and",
        "depends_on_past": False,  # a failed day must not stop the next day's training; the gate compares with LATEST
        "retries": config["retries"],
        "retry_delay": datetime.timedelta(minutes=config["retry_delay_minutes"]),
        "retry_exponential_backoff": True,
        "max_retry_delay": datetime.timedelta(minutes=config["max_retry_delay_minutes"]),
        "on_failure_callback": on_failure,
    }
    params = {key: Param(config[key], description=and_settings.BY_KEY[key].doc, **and_settings.BY_KEY[key].schema)
              for key in and_settings.PER_RUN}
    dag_kwargs = dict(
        dag_id=DAG_ID,
        description="AND day+1: train, gate and publish the parameter set the speed layer serves tomorrow",
        schedule=CronDataIntervalTimetable(config["schedule"], timezone="UTC"),
        start_date=datetime.datetime.fromisoformat(config["start_date"]).replace(tzinfo=datetime.timezone.utc),
        catchup=config["catchup"],
        max_active_runs=1,  # runs share the lake's candidate and LATEST: one at a time, in date order
        default_args=default_args,
        params=params,
        user_defined_filters={"sh": and_steps.shell_quote},
        tags=["and", "day+1", "spark"],
        doc_md=__doc__,
    )
    if sla_hours:
        dag_kwargs["sla_miss_callback"] = on_sla_miss

    with DAG(**dag_kwargs) as dag:
        wait = PythonSensor(
            task_id=and_steps.WAIT_FOR_INPUT,
            python_callable=and_steps.input_ready,
            op_kwargs={"path": input_marker(config)},
            mode="reschedule",
            poke_interval=config["sensor_poke_minutes"] * 60,
            timeout=config["sensor_timeout_hours"] * 3600,
            retries=0,  # a time-out means the input never came: retrying would only wait again
            doc_md="Waits for the day's input: the counters partition's _SUCCESS, or the ingest input.",
        )
        tasks = {}
        for step in and_steps.plan_for(config):
            kwargs = dict(
                task_id=step.id,
                execution_timeout=datetime.timedelta(
                    minutes=config["step_timeout_minutes"].get(step.id, step.timeout_minutes)),
                doc_md=step.doc,
            )
            if not step.retry:
                kwargs["retries"] = 0
            if step.id == "publish" and sla_hours:
                kwargs["sla"] = datetime.timedelta(hours=sla_hours)
            if use_spark_submit:
                task = spark_submit(
                    application="{{ params.batch_jar }}",
                    java_class=BATCH_MAIN_CLASS,
                    application_args=spark_args(step, config),
                    conn_id=config["spark_conn_id"],
                    name=f"and-{step.id}",
                    **kwargs,
                )
            else:
                task = BashOperator(bash_command=bash_command(step, config), **kwargs)
            for upstream in step.upstream or ():
                tasks[upstream] >> task
            if not step.upstream:
                wait >> task
            tasks[step.id] = task
    return dag


dag = build(load_config())
