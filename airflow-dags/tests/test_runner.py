"""`andiag pipeline` (and_pipeline/runner.py) through bin/andiag, without running any batch step."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile
import unittest

import fakes
from and_pipeline import settings, steps

DS = "2026-11-21"


def pipeline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([fakes.ANDIAG, "pipeline", *args], capture_output=True, text=True, timeout=60)


def commands_of(output: str) -> list[list[str]]:
    """The commands a run printed (`HH:MM:SS pipeline: <step>: <command>`)."""
    out = []
    for line in output.splitlines():
        _, _, rest = line.partition(" pipeline: ")
        step, _, command = rest.partition(": ")
        if step in steps.STEP_IDS and command.startswith(("/", "andiag")):
            out.append(shlex.split(command))
    return out


class RunnerTest(unittest.TestCase):

    def test_dry_run_prints_the_dags_commands_in_order(self):
        with tempfile.TemporaryDirectory() as lake:
            r = pipeline("run", "--date", DS, "--lake", lake, "--skip", "train-router", "--master", "local[2]", "--dry-run")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn(f"wait-for-input: would check {lake}/retx_counters/dt={DS}/_SUCCESS", r.stdout)
            self.assertIn("skipped by configuration: train-router", r.stdout)
            config = {"lake": lake, "andiag": fakes.ANDIAG, "spark_master": "local[2]", "skip_steps": ["train-router"]}
            dag = fakes.load_dag_module(config).dag
            rendered = [shlex.split(fakes.render(dag.task_dict[s.id], DS)["bash_command"])
                        for s in steps.plan_for(settings.resolve(config))]
            self.assertEqual(commands_of(r.stdout), rendered)
            self.assertEqual([c[2] for c in rendered], ["profile", "noise", "train-detector", "validate", "publish"])

    def test_from_step_runs_that_step_and_what_follows(self):
        r = pipeline("run", "--date", DS, "--lake", "/nowhere", "--from-step", "validate", "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([c[2] for c in commands_of(r.stdout)], ["validate", "publish"])
        self.assertNotIn("wait-for-input", r.stdout, "the input is checked only when the run starts at the first step")

    def test_config_file_and_set_use_the_variables_keys(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "and.json")
            with open(path, "w") as f:
                json.dump({"lake": "/from/file", "history_days": 5, "ingest_input": "/in/{date}.jsonl"}, f)
            r = pipeline("run", "--date", DS, "--config", path, "--set", "max_flagged_ratio=4", "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        cmds = commands_of(r.stdout)
        self.assertEqual(cmds[0][2:], ["ingest", "--lake", "/from/file", "--date", DS, "--input", f"/in/{DS}.jsonl",
                                       "--master", "local[*]"])
        self.assertIn("--history-days 5", shlex.join(cmds[1]))
        self.assertIn("--max-flagged-ratio 4.0", shlex.join(cmds[-1]))
        self.assertIn(f"would check /in/{DS}.jsonl", r.stdout)

    def test_stops_before_any_step_when_the_input_is_not_there(self):
        with tempfile.TemporaryDirectory() as lake:
            r = pipeline("run", "--date", DS, "--lake", lake)
        self.assertEqual(r.returncode, 1)
        self.assertIn("the day's input is not there", r.stdout)
        self.assertEqual(commands_of(r.stdout), [])

    def test_bad_usage_exits_2_with_the_reason(self):
        for args, reason in [(["run", "--date", "2026-11-31"], "not a date"),
                             (["run", "--date", DS, "--set", "lake_dir=/x"], "'lake_dir'"),
                             (["run", "--date", DS, "--history-days", "0"], "history_days"),
                             (["run", "--date", DS, "--skip", "publish"], "cannot be skipped"),
                             (["run", "--date", DS, "--from-step", "nope", "--dry-run"], "no step 'nope'")]:
            with self.subTest(args=args):
                r = pipeline(*args)
                self.assertEqual(r.returncode, 2, r.stdout)
                self.assertIn(reason, r.stderr)

    def test_steps_lists_every_step(self):
        r = pipeline("steps")
        self.assertEqual(r.returncode, 0, r.stderr)
        for step in steps.STEPS:
            self.assertIn(f"andiag batch {' '.join(step.args)}", r.stdout)


if __name__ == "__main__":
    unittest.main()
