"""The DAG's rendered tasks, run in dependency order on a small simulated lake, for two consecutive dates.

Scenario (one simulated region, 300 IPs x 4 days from 2026-11-19, seed 7; history 3 days):

1. 2026-11-21: every task of the DAG (fake Airflow, bash variant) rendered for that date and run as Airflow would,
   in dependency order -> a set serving 2026-11-22 is published, params/LATEST names it, the gate logged PASS.
2. 2026-11-22, with the candidate degraded before the gate (its train-detector report tampered so that its flagged
   share is 0.9 %, 10+ times the published one's): validate exits 1 with the reason, publish does not run, LATEST is
   untouched, the gate logged BLOCKED.
3. The report restored, the same date again with the local runner from the gate on
   (`andiag pipeline run --date 2026-11-22 --from-step validate`): a second set, serving 2026-11-23, is published;
   its history (2026-11-20..22) includes the first run's day and its gate compared with the first set.

Needs the datasets and offline-batch jars (built by the Maven reactor before this module's tests): called through
bin/andiag with ANDIAG_NO_BUILD=1. When they are missing or older than their sources the test is skipped with the
reason, unless AND_E2E_REQUIRED=1 (set by the Maven build) makes that a failure. The lake is made afresh in /dev/shm
(~20 MB) and removed afterwards (AND_E2E_KEEP=1 keeps it and the task logs; the path is printed).

Cost, measured with `python3 -m unittest discover -s airflow-dags/tests -v` on the 2-core CI machine shared with
other builds (one Spark JVM per step, as in production; 6 Spark steps and 4 gate runs in all):
  - load average 2.9 at the start: whole suite 720 s; simulate 24 s, first date 319 s, second date 357 s, runner 16 s;
  - load average 17-31: whole suite 901 s; simulate 39 s, first date 400 s, second date 430 s, runner 27 s
    (profile 126-197 s, noise 101-108 s, train-detector 121-141 s, validate 10-11 s, publish 15 s).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import fakes
from and_pipeline import steps

IPS, DAYS, START, SEED = 300, 4, "2026-11-19", 7
D1, D2 = "2026-11-21", "2026-11-22"
HISTORY_DAYS = 3
TAMPERED_FLAGGED_SHARE = 0.009
#: Scratch space: RAM when the machine has it (the lake is ~20 MB), never the source tree.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def jar_problem() -> str | None:
    """Why the jars cannot be used as they are (missing, or older than a source, as bin/andiag judges), or None."""
    for module, jar in (("datasets", "and-datasets.jar"), ("offline-batch", "and-offline-batch.jar")):
        path = os.path.join(fakes.REPO, module, "target", jar)
        if not os.path.isfile(path):
            return f"{path} is not built (run ./mvnw -B verify: the reactor builds it before this module's tests)"
        built = os.path.getmtime(path)
        sources = [os.path.join(fakes.REPO, module, "pom.xml"), os.path.join(fakes.REPO, "pom.xml")]
        for root in (os.path.join(fakes.REPO, module, "src"), os.path.join(fakes.REPO, "common-model", "src")):
            sources += [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]
        for source in sources:
            if os.path.getmtime(source) > built:
                return f"{path} is older than {source} (rebuild it: ./mvnw -B verify)"
    return None


def simulate(lake: str) -> None:
    """The simulated region, written into ``lake`` by this build's simulator (seeded: the same rows every time)."""
    subprocess.run([fakes.ANDIAG, "simulate", "--ips", str(IPS), "--days", str(DAYS), "--start", START,
                    "--seed", str(SEED), "--out", lake], check=True, env=EndToEndTest.env, stdout=subprocess.DEVNULL,
                   timeout=900)


def latest(lake: str) -> str | None:
    path = os.path.join(lake, "params", "LATEST")
    return read(path).strip() if os.path.exists(path) else None


def manifest(lake: str, version: str) -> dict:
    with open(os.path.join(lake, "params", version, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)


def read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


class EndToEndTest(unittest.TestCase):
    env = dict(os.environ, ANDIAG_NO_BUILD="1", ANDIAG_JAVA_OPTS=os.environ.get("ANDIAG_JAVA_OPTS", "-Xmx3g"))

    @classmethod
    def setUpClass(cls):
        problem = jar_problem()
        if problem:
            if os.environ.get("AND_E2E_REQUIRED") == "1":
                raise AssertionError(f"AND_E2E_REQUIRED=1 but {problem}")
            raise unittest.SkipTest(problem)
        cls.tmp = tempfile.mkdtemp(prefix="and-airflow-e2e-", dir=SCRATCH)
        if os.environ.get("AND_E2E_KEEP") != "1":  # a class cleanup runs even when setUpClass fails half-way
            cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        cls.lake = os.path.join(cls.tmp, "lake")
        cls.logs = os.path.join(cls.tmp, "logs")
        os.makedirs(cls.logs)
        config = {"lake": cls.lake, "andiag": fakes.ANDIAG, "spark_master": "local[2]", "history_days": HISTORY_DAYS}
        cls.dag = fakes.load_dag_module(config).dag  # first: a bad configuration fails before the simulation
        t0 = time.monotonic()
        simulate(cls.lake)
        cls.timings = {"simulate": time.monotonic() - t0}

        # 1. the first date, every task of the DAG
        cls.d1 = cls.run_dag(D1, "d1")
        cls.v1 = latest(cls.lake)

        # 2. the next date, the candidate degraded just before the gate
        report = os.path.join(cls.lake, "params", "_candidates", "2026-11-23", "_steps", "train-detector.json")

        def degrade():
            shutil.copyfile(report, report + ".orig")
            with open(report, encoding="utf-8") as f:
                r = json.load(f)
            r["stats"]["calibration"]["flagged_share_ip_minute"] = TAMPERED_FLAGGED_SHARE
            with open(report, "w", encoding="utf-8") as f:
                json.dump(r, f, indent=2)

        cls.d2_blocked = cls.run_dag(D2, "d2-degraded", before={"validate": degrade})
        cls.latest_after_block = latest(cls.lake)
        cls.validate_report = json.loads(read(os.path.join(os.path.dirname(report), "validate.json")))
        cls.versions_after_block = sorted(v for v in os.listdir(os.path.join(cls.lake, "params"))
                                          if v[:4].isdigit())

        # 3. the report restored, the same date from the gate on, with the local runner
        os.replace(report + ".orig", report)
        t0 = time.monotonic()
        cls.runner = subprocess.run(
            [fakes.ANDIAG, "pipeline", "run", "--date", D2, "--lake", cls.lake, "--master", "local[2]",
             "--history-days", str(HISTORY_DAYS), "--from-step", "validate"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=cls.env, timeout=900)
        cls.timings["d2 runner"] = time.monotonic() - t0
        with open(os.path.join(cls.logs, "d2-runner.log"), "w", encoding="utf-8") as f:
            f.write(cls.runner.stdout)
        cls.v2 = latest(cls.lake)
        print(f"\nend-to-end timings (s): {json.dumps({k: round(v, 1) for k, v in cls.timings.items()})}; logs in "
              f"{cls.logs}", file=sys.stderr)

    @classmethod
    def run_dag(cls, ds: str, name: str, before: dict | None = None) -> dict:
        """Runs the DAG's tasks for ``ds`` in dependency order, as Airflow would: a task whose upstream failed does
        not run. Returns task id -> exit code (tasks that did not run are absent) and the log's path."""
        log_path = os.path.join(cls.logs, f"{name}.log")
        codes = {}
        t0 = time.monotonic()
        with open(log_path, "w", encoding="utf-8") as log:
            for task in fakes.ordered(cls.dag):
                if any(codes.get(u) != 0 for u in task.upstream_task_ids):
                    log.write(f"[{task.task_id}] upstream_failed: not run\n")
                    continue
                if before and task.task_id in before:
                    before[task.task_id]()
                codes[task.task_id] = fakes.run_task(task, ds, log, env=cls.env)
        cls.timings[name] = time.monotonic() - t0
        return {"codes": codes, "log": log_path}

    def assert_ran(self, result: dict, expected: dict):
        self.assertEqual(result["codes"], expected, f"see {result['log']}:\n{read(result['log'])[-4000:]}")

    # -- 1 ----------------------------------------------------------------------------------------------------------

    def test_1_first_date_runs_every_task_and_publishes(self):
        self.assert_ran(self.d1, {steps.WAIT_FOR_INPUT: 0, "profile": 0, "noise": 0, "train-detector": 0, "train-router": 0,
                                  "validate": 0, "publish": 0})
        self.assertIsNotNone(self.v1)
        self.assertTrue(self.v1.startswith("2026-11-22-"), self.v1)
        quality = manifest(self.lake, self.v1)["quality"]
        self.assertEqual(quality["decision"], "PASS")
        self.assertIsNone(quality["compared_with"])
        log = read(self.d1["log"])
        self.assertIn("validate: gate decision PASS for serve date 2026-11-22 (compared with no LATEST)", log)
        self.assertIn(f"published {self.v1}", log)

    # -- 2 ----------------------------------------------------------------------------------------------------------

    def test_2_degraded_candidate_is_blocked_and_latest_is_untouched(self):
        self.assert_ran(self.d2_blocked, {steps.WAIT_FOR_INPUT: 0, "profile": 0, "noise": 0, "train-detector": 0, "train-router": 0,
                                          "validate": 1})
        self.assertEqual(self.latest_after_block, self.v1)
        self.assertEqual(self.versions_after_block, [self.v1])
        log = read(self.d2_blocked["log"])
        self.assertIn(f"validate: gate decision BLOCKED for serve date 2026-11-23 (compared with LATEST {self.v1})", log)
        self.assertIn("validate: refused: quality gate: the threshold flags 0.900 % of IPs per minute", log)
        self.assertIn("--max-flagged-ratio", log)
        self.assertIn("[publish] upstream_failed: not run", log)
        self.assertEqual(self.validate_report["stats"]["decision"], "BLOCKED")
        failed = [c["check"] for c in self.validate_report["stats"]["gate"]["checks"] if c["outcome"] == "FAIL"]
        self.assertEqual(failed, ["flagged_ratio"])

    # -- 3 ----------------------------------------------------------------------------------------------------------

    def test_3_second_date_publishes_on_a_history_that_includes_the_first_day(self):
        self.assertEqual(self.runner.returncode, 0, self.runner.stdout[-4000:])
        self.assertIsNotNone(self.v2)
        self.assertNotEqual(self.v2, self.v1)
        self.assertTrue(self.v2.startswith("2026-11-23-"), self.v2)
        m = manifest(self.lake, self.v2)
        self.assertEqual(m["history"]["dates"], ["2026-11-20", "2026-11-21", "2026-11-22"])
        self.assertIn(D1, m["history"]["dates"])
        self.assertEqual(m["quality"]["compared_with"], self.v1)
        self.assertEqual(m["quality"]["decision"], "PASS")
        drift = [c for c in m["quality"]["checks"] if c["check"] == "pattern_drift"][0]
        self.assertEqual(drift["outcome"], "PASS", drift["detail"])
        self.assertIn(f"validate: gate decision PASS for serve date 2026-11-23 (compared with LATEST {self.v1})",
                      self.runner.stdout)
        self.assertIn(f"published {self.v2}", self.runner.stdout)
        self.assertIn("pipeline: all 2 step(s) done", self.runner.stdout)
        self.assertEqual(sorted(v for v in os.listdir(os.path.join(self.lake, "params")) if v[:4].isdigit()),
                         [self.v1, self.v2])


if __name__ == "__main__":
    unittest.main()
