"""The day+1 pipeline, declared once: its steps, their order, and the command line of each.

The Airflow DAG (``and_day_plus_one.py``) makes one task per step and the local runner (``andiag pipeline run``)
runs them one after the other; both take the steps, the dependencies and the arguments from here, so the two run
the same commands in the same order. Every step is a subcommand of the batch CLI, ``andiag batch <args>`` (the
same arguments follow the jar under ``spark-submit``); docs/batch.md describes them.

An argument template is either a literal or exactly one ``{placeholder}``; the placeholders are ``date`` (the last
day of history, Airflow's ``ds``) and the settings of :mod:`and_pipeline.settings` a command uses.

Pure standard library.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

log = logging.getLogger(__name__)

#: The task that waits for the day's input before any step runs.
WAIT_FOR_INPUT = "wait-for-input"

#: What the pipeline waits for without an ingest step: the day's counters partition, complete (docs/lake.md).
COUNTERS_MARKER = "{lake}/retx_counters/dt={date}/_SUCCESS"


@dataclass(frozen=True)
class Step:
    """One batch step.

    id: the batch subcommand, also the Airflow task id and the runner's ``--from-step`` value.
    upstream: steps that must have succeeded first.
    args: the arguments of ``andiag batch`` (templates).
    spark: True when the step runs Spark (the spark-submit variant submits it; validate and publish need no
        cluster, but go through spark-submit too there, for its classpath).
    timeout_minutes: the default execution_timeout of the task.
    retry: False when retrying cannot change the outcome (the gate's verdict on the same candidate).
    """

    id: str
    upstream: tuple[str, ...]
    args: tuple[str, ...]
    spark: bool
    timeout_minutes: int
    retry: bool = True
    doc: str = ""


_HISTORY = ("--lake", "{lake}", "--date", "{date}", "--history-days", "{history_days}")
_SPARK = ("--master", "{spark_master}")
#: The gate's tolerances: validate and publish get the same ones, as publish runs the same gate again.
_GATE = ("--max-flagged-share", "{max_flagged_share}", "--max-flagged-ratio", "{max_flagged_ratio}",
         "--max-pattern-share", "{max_pattern_share}", "--max-pattern-drift", "{max_pattern_drift}",
         "--max-recall-drop", "{max_recall_drop}")

STEPS: tuple[Step, ...] = (
    Step("ingest", (), ("ingest", "--lake", "{lake}", "--date", "{date}", "--input", "{ingest_input}", *_SPARK), True, 120,
         doc="Wire JSON lines into the lake's retx_counters/retx_details partitions (only when an input is configured)."),
    Step("profile", ("ingest",), ("profile", *_HISTORY, *_SPARK), True, 120,
         doc="Level-1 frequency and level-2 pattern of every series with a retransmission in the history."),
    Step("noise", ("profile",), ("noise", *_HISTORY, *_SPARK), True, 60,
         doc="Noise model of every profiled series."),
    Step("train-detector", ("noise",), ("train-detector", *_HISTORY, *_SPARK), True, 120,
         doc="Feature replay, isolation forest, threshold calibrated on normal history."),
    Step("train-router", ("train-detector",), ("train-router", *_HISTORY, *_SPARK), True, 120,
         doc="GBDT routing models on replayed, labelled incidents."),
    Step("validate", ("train-router",), ("validate", *_HISTORY, *_GATE), False, 15, retry=False,
         doc="The quality gate: the candidate's metrics against the current LATEST's; exit 1 blocks publishing."),
    Step("publish", ("validate",), ("publish", *_HISTORY, *_GATE), False, 30,
         doc="Copy the candidate to params/<version>, manifest last, then LATEST (runs the same gate again)."),
)

STEP_IDS: tuple[str, ...] = tuple(s.id for s in STEPS)
BY_ID: dict[str, Step] = {s.id: s for s in STEPS}
INGEST = "ingest"
#: Steps a configuration may leave out (``skip_steps``): the router, for a batch built without it (the gate then
#: logs router recall as not comparable).
SKIPPABLE: tuple[str, ...] = ("train-router",)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: Placeholders of the argument templates that are settings, written as they are (all but the date and the
#: ingest input, in which '{date}' is replaced).
SETTING_PLACEHOLDERS: tuple[str, ...] = tuple(sorted(
    {p for s in STEPS for a in s.args for p in _PLACEHOLDER.findall(a)} - {"date", "ingest_input"}))


def plan(ingest: bool, skip: Iterable[str] = ()) -> tuple[Step, ...]:
    """The steps of one run in dependency order: ingest only when ``ingest``, without ``skip``; a left-out step's
    dependents depend on its own upstream instead."""
    skip = tuple(skip)
    for s in skip:
        if s not in SKIPPABLE:
            raise ValueError(f"step {s!r} cannot be skipped (skippable: {', '.join(SKIPPABLE)})")
    left_out = set(skip) | (set() if ingest else {INGEST})

    def bridged(upstream: Iterable[str]) -> tuple[str, ...]:
        out: list[str] = []
        for u in upstream:
            for v in (bridged(BY_ID[u].upstream) if u in left_out else (u,)):
                if v not in out:
                    out.append(v)
        return tuple(out)

    return tuple(replace(s, upstream=bridged(s.upstream)) for s in STEPS if s.id not in left_out)


def plan_for(config: Mapping[str, Any]) -> tuple[Step, ...]:
    """:func:`plan` for a resolved configuration (:func:`and_pipeline.settings.resolve`)."""
    return plan(bool(config["ingest_input"]), config["skip_steps"])


def from_step(steps: tuple[Step, ...], step_id: str) -> tuple[Step, ...]:
    """``step_id`` and everything downstream of it, in order (what ``airflow tasks clear --downstream`` reruns)."""
    ids = [s.id for s in steps]
    if step_id not in ids:
        raise ValueError(f"no step {step_id!r} in this pipeline (steps: {', '.join(ids)})")
    chosen = {step_id}
    for s in steps:
        if any(u in chosen for u in s.upstream):
            chosen.add(s.id)
    return tuple(s for s in steps if s.id in chosen)


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replaces every ``{name}`` of ``template`` with ``values[name]``."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def as_arg(value: Any) -> str:
    """How a setting's value is written on a command line (the DAG's templates write it the same way)."""
    return str(value)


def shell_quote(value: Any) -> str:
    """:func:`as_arg`, quoted for bash (the DAG's ``sh`` template filter)."""
    return shlex.quote(as_arg(value))


def run_values(config: Mapping[str, Any], date: str) -> dict[str, str]:
    """The value of every placeholder for one run: the configuration's, and the date."""
    values = {key: as_arg(config[key]) for key in SETTING_PLACEHOLDERS}
    values["date"] = date
    values["ingest_input"] = config["ingest_input"].replace("{date}", date)
    return values


def batch_args(step: Step, values: Mapping[str, str]) -> list[str]:
    """The arguments of ``andiag batch`` (or of the jar) for ``step``."""
    return [fill(a, values) for a in step.args]


def command(step: Step, values: Mapping[str, str], andiag: str) -> list[str]:
    """The command line of ``step``: ``andiag batch <args>``."""
    return [andiag, "batch", *batch_args(step, values)]


def input_marker(ingest: bool) -> str:
    """The template of the path whose existence means the day's input is complete."""
    return "{ingest_input}" if ingest else COUNTERS_MARKER


def input_ready(path: str) -> bool:
    """True when ``path`` exists (the DAG's sensor and the runner both ask this)."""
    ready = os.path.exists(path)
    log.info("input %s: %s", path, "ready" if ready else "not there yet")
    return ready
