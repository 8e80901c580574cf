"""The DAG file imported by a real Apache Airflow (DagBag), when one is installed for this python3; skipped otherwise.

Runs in a child process, so the real Airflow never meets the fake one of the other tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

import fakes

PROBE = "import airflow; print(airflow.__version__)"

CHECK = textwrap.dedent("""
    import json, sys
    try:
        from airflow.models.dagbag import DagBag
    except ImportError:  # newer Airflow 3
        from airflow.dag_processing.dagbag import DagBag
    bag = DagBag(dag_folder=sys.argv[1], include_examples=False)
    dag = bag.dags.get("and_day_plus_one")
    out = {"errors": {k: str(v) for k, v in bag.import_errors.items()}}
    if dag is not None:
        out["tasks"] = {t.task_id: sorted(t.upstream_task_ids) for t in dag.tasks}
        out["max_active_runs"] = dag.max_active_runs
        out["timetable"] = type(dag.timetable).__name__
        out["operators"] = sorted({type(t).__name__ for t in dag.tasks})
    print("RESULT " + json.dumps(out))
""")


def real_airflow_version() -> tuple[str | None, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(),
                       timeout=300)
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["?"])[-1]
        return None, last
    return r.stdout.strip(), ""


class RealAirflowTest(unittest.TestCase):

    def test_dagbag_imports_the_dag_without_errors(self):
        version, error = real_airflow_version()
        if version is None:
            self.skipTest(f"Apache Airflow is not installed for {sys.executable} ({error}); the DAG is checked against "
                          "the fake Airflow in test_dag.py instead")
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, AIRFLOW_HOME=home, AIRFLOW__CORE__LOAD_EXAMPLES="False",
                       AIRFLOW_VAR_AND_DAY_PLUS_ONE=json.dumps({"lake": "/tmp/and-lake", "operator": "bash"}))
            env.pop("PYTHONPATH", None)
            r = subprocess.run([sys.executable, "-c", CHECK, fakes.DAG_FILE], capture_output=True, text=True, env=env,
                               timeout=600)
        lines = [line for line in r.stdout.splitlines() if line.startswith("RESULT ")]
        self.assertTrue(lines, f"Airflow {version}: no result\nstdout: {r.stdout}\nstderr: {r.stderr}")
        result = json.loads(lines[-1][len("RESULT "):])
        self.assertEqual(result["errors"], {}, f"Airflow {version}")
        self.assertEqual(result["tasks"], {
            "wait-for-input": [], "profile": ["wait-for-input"], "noise": ["profile"], "train-detector": ["noise"],
            "train-router": ["train-detector"], "validate": ["train-router"], "publish": ["validate"]})
        self.assertEqual(result["max_active_runs"], 1)
        self.assertEqual(result["timetable"], "CronDataIntervalTimetable")
        self.assertEqual(result["operators"], ["BashOperator", "PythonSensor"])


if __name__ == "__main__":
    unittest.main()
