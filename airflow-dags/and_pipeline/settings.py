"""Every setting of the day+1 pipeline, declared once: name, default, meaning and validation.

The Airflow DAG reads them from one JSON Airflow Variable (``and_day_plus_one``), the local runner from a JSON
file (``--config``), ``--set KEY=VALUE`` and its own flags; both call :func:`resolve`, so a setting means the same
and is checked the same way everywhere. An unknown key or an invalid value is rejected with a message naming the
key and the value.

Two kinds of settings:

* **per run** (``per_run=True``): values a command line uses (lake, paths, history, gate tolerances). The DAG
  makes each one a DAG *param* whose default is the configured value, so one run can override it
  (``airflow dags trigger -c '{"max_flagged_ratio": 5}'``).
* **DAG shape**: what decides the tasks and their scheduling (operator variant, optional steps, schedule,
  retries, time-outs). They take effect when Airflow parses the DAG file.

Pure standard library: imported by the DAG file (where Airflow runs) and by the runner (where it does not).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from and_pipeline import steps

# The defaults of the gate tolerances are copies of io.andiag.batch.publish.PublishSettings.DEFAULT_*: the DAG
# passes every tolerance explicitly so the task log shows it; the tests check that the copies agree.


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    doc: str
    parse: Callable[[str, Any], Any]
    per_run: bool = False
    schema: Mapping[str, Any] | None = None  # JSON schema of the DAG param (per-run settings)


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"setting '{key}' must be a non-empty string, got {value!r}")
    return value


def _optional_text(key: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"setting '{key}' must be a string, got {value!r}")
    return value.strip()


def _integer(lo: int, hi: int) -> Callable[[str, Any], int]:
    def parse(key: str, value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError(f"setting '{key}' must be an integer in {lo}..{hi}, got {value!r}")
        try:
            n = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"setting '{key}' must be an integer in {lo}..{hi}, got {value!r}") from None
        if n != float(value) or not lo <= n <= hi:
            raise ValueError(f"setting '{key}' must be an integer in {lo}..{hi}, got {value!r}")
        return n

    return parse


def _number(lo: float, hi: float, lo_open: bool = False) -> Callable[[str, Any], float]:
    interval = f"{'(' if lo_open else '['}{lo:g}, {hi:g}]"

    def parse(key: str, value: Any) -> float:
        if isinstance(value, bool):
            raise ValueError(f"setting '{key}' must be a number in {interval}, got {value!r}")
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"setting '{key}' must be a number in {interval}, got {value!r}") from None
        if not ((lo < x) if lo_open else (lo <= x)) or not x <= hi:
            raise ValueError(f"setting '{key}' must be a number in {interval}, got {value!r}")
        return x

    return parse


def _boolean(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"setting '{key}' must be true or false, got {value!r}")


def _choice(*choices: str) -> Callable[[str, Any], str]:
    def parse(key: str, value: Any) -> str:
        if value not in choices:
            raise ValueError(f"setting '{key}' must be one of {', '.join(choices)}, got {value!r}")
        return value

    return parse


_CRON_FIELD = re.compile(r"^[0-9*/,\-]+$")


def _cron(key: str, value: Any) -> str:
    fields = value.split() if isinstance(value, str) else []
    if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
        raise ValueError(f"setting '{key}' must be a 5-field cron expression such as '0 2 * * *', got {value!r}")
    return value


def _date(key: str, value: Any) -> str:
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"setting '{key}' must be a date YYYY-MM-DD, got {value!r}") from None


def _skippable_steps(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"setting '{key}' must be a list of step ids, got {value!r}")
    for v in value:
        if v not in steps.SKIPPABLE:
            raise ValueError(f"setting '{key}': step {v!r} cannot be skipped (skippable: {', '.join(steps.SKIPPABLE)})")
    return tuple(dict.fromkeys(value))


def _timeouts(key: str, value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise ValueError(f"setting '{key}' must be an object of step id -> minutes, got {value!r}")
    out = {}
    for step, minutes in value.items():
        if step not in steps.STEP_IDS:
            raise ValueError(f"setting '{key}': unknown step {step!r} (steps: {', '.join(steps.STEP_IDS)})")
        out[step] = _integer(1, 7 * 24 * 60)(f"{key}.{step}", minutes)
    return out


SETTINGS: tuple[Setting, ...] = (
    # -- per run: DAG params, the runner's flags ------------------------------------------------------------------
    Setting("lake", "/data/and/lake", "Root of the lake (a POSIX path every Spark executor sees).", _text, True,
            {"type": "string", "minLength": 1}),
    Setting("andiag", "/opt/andiag/bin/andiag",
            "The andiag command (bin/andiag of a built checkout) the bash variant runs; the runner uses its own checkout's.",
            _text, True, {"type": "string", "minLength": 1}),
    Setting("batch_jar", "/opt/andiag/offline-batch/target/and-offline-batch.jar",
            "The offline-batch jar the spark-submit variant submits (main class io.andiag.batch.cli.BatchCli).", _text, True,
            {"type": "string", "minLength": 1}),
    Setting("spark_master", "local[*]",
            "--master of the Spark steps (bash variant and runner; under spark-submit the connection's master wins).", _text,
            True, {"type": "string", "minLength": 1}),
    Setting("history_days", 3, "Days of history ending with the run's date (--history-days).", _integer(1, 90), True,
            {"type": "integer", "minimum": 1, "maximum": 90}),
    Setting("max_flagged_share", 0.01,
            "Gate: block when the threshold flags more than this share of IPs per minute on normal history.",
            _number(0, 1, lo_open=True), True, {"type": "number", "exclusiveMinimum": 0, "maximum": 1}),
    Setting("max_flagged_ratio", 3.0,
            "Gate: block when the flagged share is more than this many times LATEST's (and above half the limit).",
            _number(1, 1e9), True, {"type": "number", "minimum": 1}),
    Setting("max_pattern_share", 0.95, "Gate: block when one pattern holds more of the series of levels LOW..HIGH.",
            _number(0, 1, lo_open=True), True, {"type": "number", "exclusiveMinimum": 0, "maximum": 1}),
    Setting("max_pattern_drift", 0.25,
            "Gate: block when the pattern mix of levels LOW..HIGH moved more than this total variation distance from LATEST's.",
            _number(0, 1), True, {"type": "number", "minimum": 0, "maximum": 1}),
    Setting("max_recall_drop", 0.10,
            "Gate: block when the router's recall of a team fell more than this (0.10 = 10 points) below LATEST's.",
            _number(0, 1), True, {"type": "number", "minimum": 0, "maximum": 1}),
    # -- DAG shape ------------------------------------------------------------------------------------------------
    Setting("ingest_input", "",
            "JSON-lines input of the ingest step ('{date}' is replaced by the run's date); empty: no ingest step, the "
            "DAG waits for <lake>/retx_counters/dt=<date>/_SUCCESS instead.", _optional_text),
    Setting("skip_steps", (), "Optional steps left out of the pipeline (only train-router can be).", _skippable_steps),
    Setting("operator", "auto",
            "auto: SparkSubmitOperator when apache-airflow-providers-apache-spark is installed, else bash; "
            "bash: BashOperator running `andiag batch`; spark-submit: SparkSubmitOperator.",
            _choice("auto", "bash", "spark-submit")),
    Setting("spark_conn_id", "spark_default", "Spark connection of the spark-submit variant (its master, deploy mode).",
            _text),
    Setting("schedule", "0 2 * * *",
            "Cron (UTC) of the runs; each run processes the day that ended before it (its data interval).", _cron),
    Setting("start_date", "2026-11-01", "First day the DAG may process (with catchup, runs start here).", _date),
    Setting("catchup", False, "Create the runs of missed days when the DAG is enabled or resumed.", _boolean),
    Setting("retries", 2, "Retries of each batch step (not of validate: its verdict is deterministic).", _integer(0, 10)),
    Setting("retry_delay_minutes", 5, "First retry delay; doubles at each retry (exponential back-off).",
            _integer(1, 24 * 60)),
    Setting("max_retry_delay_minutes", 60, "Longest retry delay.", _integer(1, 24 * 60)),
    Setting("step_timeout_minutes", {}, "execution_timeout per step id, overriding the step's default.", _timeouts),
    Setting("sensor_timeout_hours", 12, "How long the DAG waits for the day's input before failing.",
            _integer(1, 7 * 24)),
    Setting("sensor_poke_minutes", 10, "How often it looks (reschedule mode: no worker slot held in between).",
            _integer(1, 24 * 60)),
    Setting("sla_hours", 6,
            "Airflow 2: SLA of publish, hours after the run's scheduled time (0: none). Airflow 3 has no SLAs.",
            _integer(0, 7 * 24)),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
PER_RUN: tuple[str, ...] = tuple(s.key for s in SETTINGS if s.per_run)
GATE_TOLERANCES: tuple[str, ...] = ("max_flagged_share", "max_flagged_ratio", "max_pattern_share", "max_pattern_drift",
                                    "max_recall_drop")


def resolve(overrides: Mapping[str, Any] | None = None, source: str = "configuration") -> dict[str, Any]:
    """The defaults with ``overrides`` applied, every value validated; raises ValueError naming ``source``."""
    overrides = dict(overrides or {})
    unknown = sorted(k for k in overrides if k not in BY_KEY)
    if unknown:
        raise ValueError(f"{source}: unknown setting(s) {', '.join(map(repr, unknown))} "
                         f"(known: {', '.join(BY_KEY)})")
    config = {}
    for s in SETTINGS:
        value = overrides.get(s.key, s.default)
        try:
            config[s.key] = s.parse(s.key, value)
        except ValueError as e:
            raise ValueError(f"{source}: {e}") from None
    if config["max_retry_delay_minutes"] < config["retry_delay_minutes"]:
        raise ValueError(f"{source}: setting 'max_retry_delay_minutes' ({config['max_retry_delay_minutes']}) must be at "
                         f"least 'retry_delay_minutes' ({config['retry_delay_minutes']})")
    return config


def describe() -> str:
    """The settings as a Markdown table (docs/airflow.md holds its output)."""
    rows = ["| key | default | per run | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = s.default if s.default not in ("", (), {}) else "(empty)"
        rows.append(f"| `{s.key}` | `{default}` | {'yes' if s.per_run else ''} | {s.doc} |")
    return "\n".join(rows)
