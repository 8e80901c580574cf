"""``andiag pipeline``: the day+1 pipeline without Airflow.

Runs the steps of :mod:`and_pipeline.steps` one after the other with the commands the Airflow DAG runs, in the same
order, configured by the same settings (:mod:`and_pipeline.settings`): first a check that the day's input is there
(what the DAG's sensor waits for), then ``andiag batch <step> ...`` for each step. Stops at the first step that
fails and exits with its exit code (1: refused, e.g. the quality gate blocked publishing; 2: bad usage;
3: unexpected error). Its own usage errors exit 2.

    andiag pipeline run --date D [--lake DIR] [--from-step S] [--skip STEP] [--config FILE] [--set KEY=VALUE] [--dry-run]
    andiag pipeline steps

Pure standard library; run as ``python3 airflow-dags/and_pipeline/runner.py`` (bin/andiag does).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time
from typing import Any, Sequence, TextIO

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from and_pipeline import settings, steps  # noqa: E402

EXIT_USAGE = 2
EXIT_INPUT_MISSING = 1
#: This checkout's andiag, the runner's default (the DAG's default is a deployed path).
CHECKOUT_ANDIAG = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                               "bin", "andiag")


class UsageError(Exception):
    pass


def _date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="andiag pipeline",
                                description="The day+1 pipeline without Airflow: the DAG's steps and commands, in order.")
    sub = p.add_subparsers(dest="command", required=True, metavar="{run,steps}")
    run = sub.add_parser("run", help="run the pipeline for one date",
                         description="Checks the day's input, then runs every step with `andiag batch`, stopping at the "
                                     "first failure (exit code: the step's).")
    run.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD",
                     help="last day of history (Airflow's ds); the set serves the day after")
    run.add_argument("--lake", metavar="DIR", help="root of the lake (setting 'lake')")
    run.add_argument("--from-step", metavar="STEP", help="start at this step (it and everything downstream of it run)")
    run.add_argument("--skip", action="append", default=[], metavar="STEP",
                     help=f"leave an optional step out (repeatable; skippable: {', '.join(steps.SKIPPABLE)})")
    run.add_argument("--history-days", type=int, metavar="H", help="setting 'history_days'")
    run.add_argument("--master", metavar="MASTER", help="setting 'spark_master'")
    run.add_argument("--input", metavar="PATH", help="setting 'ingest_input': adds the ingest step ('{date}' is replaced)")
    run.add_argument("--andiag", metavar="PATH", help=f"the andiag command (default: this checkout's, {CHECKOUT_ANDIAG})")
    run.add_argument("--config", metavar="FILE",
                     help="JSON object of settings, the same keys as the Airflow Variable and_day_plus_one")
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="one setting (repeatable; VALUE is JSON when it parses as JSON, else a string)")
    run.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")
    sub.add_parser("steps", help="print the steps, their upstream steps and argument templates")
    return p


def config_of(args: argparse.Namespace) -> dict[str, Any]:
    """The settings of a run: defaults < --config < --set < the flags."""
    raw: dict[str, Any] = {"andiag": CHECKOUT_ANDIAG}
    if args.config:
        try:
            with open(args.config, encoding="utf-8") as f:
                loaded = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            raise UsageError(f"--config {args.config}: {e}") from None
        if not isinstance(loaded, dict):
            raise UsageError(f"--config {args.config}: not a JSON object")
        raw.update(loaded)
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--set wants KEY=VALUE, got {item!r}")
        try:
            raw[key] = json.loads(value)
        except json.JSONDecodeError:
            raw[key] = value
    flags = {"lake": args.lake, "history_days": args.history_days, "spark_master": args.master,
             "ingest_input": args.input, "andiag": args.andiag}
    raw.update({k: v for k, v in flags.items() if v is not None})
    if args.skip:
        raw["skip_steps"] = list(raw.get("skip_steps", [])) + args.skip
    try:
        return settings.resolve(raw, source="--config/--set/flags")
    except ValueError as e:
        raise UsageError(str(e)) from None


def _log(out: TextIO, message: str) -> None:
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S")
    print(f"{stamp} pipeline: {message}", file=out, flush=True)


def run(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    config = config_of(args)
    plan = steps.plan_for(config)
    todo = plan
    if args.from_step:
        try:
            todo = steps.from_step(plan, args.from_step)
        except ValueError as e:
            raise UsageError(f"--from-step: {e}") from None
    values = steps.run_values(config, args.date)
    ingest = bool(config["ingest_input"])
    _log(out, f"date {args.date} (serves {datetime.date.fromisoformat(args.date) + datetime.timedelta(days=1)}), "
              f"lake {config['lake']}, steps {' > '.join(s.id for s in todo)}"
              + (f" (skipped by configuration: {', '.join(config['skip_steps'])})" if config["skip_steps"] else ""))

    if todo[0].id == plan[0].id:
        marker = steps.fill(steps.input_marker(ingest), values)
        if args.dry_run:
            _log(out, f"{steps.WAIT_FOR_INPUT}: would check {marker}")
        elif not steps.input_ready(marker):
            _log(out, f"{steps.WAIT_FOR_INPUT}: the day's input is not there: {marker} does not exist "
                      "(the DAG's sensor waits for it; nothing was run)")
            return EXIT_INPUT_MISSING
        else:
            _log(out, f"{steps.WAIT_FOR_INPUT}: {marker} is there")

    started = time.monotonic()
    for step in todo:
        cmd = steps.command(step, values, config["andiag"])
        _log(out, f"{step.id}: {shlex.join(cmd)}")
        if args.dry_run:
            continue
        t0 = time.monotonic()
        code = subprocess.run(cmd).returncode  # the step's output goes where the runner's goes
        took = time.monotonic() - t0
        if code != 0:
            what = {1: "refused", 2: "bad usage", 3: "unexpected error"}.get(code, "failed")
            blocked = " — the quality gate blocked publishing; LATEST is unchanged" if step.id == "validate" and code == 1 else ""
            _log(out, f"{step.id}: exit {code} ({what}) after {took:.1f} s{blocked}; stopping "
                      f"(fix, then: andiag pipeline run --date {args.date} --from-step {step.id} ...)")
            return code
        _log(out, f"{step.id}: done in {took:.1f} s")
    if not args.dry_run:
        _log(out, f"all {len(todo)} step(s) done in {time.monotonic() - started:.1f} s")
    return 0


def print_steps(out: TextIO = sys.stdout) -> None:
    for s in steps.STEPS:
        flags = []
        if s.id in steps.SKIPPABLE:
            flags.append("skippable")
        if s.id == steps.INGEST:
            flags.append("only with ingest_input")
        if not s.retry:
            flags.append("no retry")
        print(f"{s.id:<15} after {', '.join(s.upstream) or '-':<15} timeout {s.timeout_minutes:>3} min"
              f"{'  (' + '; '.join(flags) + ')' if flags else ''}", file=out)
        print(f"{'':<15} andiag batch {' '.join(s.args)}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command == "steps":
        print_steps()
        return 0
    try:
        return run(args)
    except UsageError as e:
        print(f"andiag pipeline: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
