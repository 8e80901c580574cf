"""and_day_plus_one.py imported against the fake Airflow (fake_airflow/): its tasks, their dependencies and
settings, and every task's command rendered for a date, compared with the local runner's."""

from __future__ import annotations

import datetime
import logging
import os
import shlex
import tempfile
import unittest

import fakes
from and_pipeline import settings, steps

DS = "2026-11-21"
BATCH_TASKS = ["profile", "noise", "train-detector", "train-router", "validate", "publish"]


class DagShapeTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.module = fakes.load_dag_module()
        cls.dag = cls.module.dag

    def test_task_ids_and_dependencies(self):
        self.assertEqual(self.dag.dag_id, "and_day_plus_one")
        ordered = [t.task_id for t in fakes.ordered(self.dag)]
        self.assertEqual(ordered, [steps.WAIT_FOR_INPUT, *BATCH_TASKS])
        chain = [steps.WAIT_FOR_INPUT, *BATCH_TASKS]
        for before, after in zip(chain, chain[1:]):
            self.assertEqual(self.dag.task_dict[after].upstream_task_ids, {before}, after)
        self.assertEqual(self.dag.task_dict["publish"].downstream_task_ids, set())

    def test_schedule_catchup_and_one_run_at_a_time(self):
        self.assertEqual(type(self.dag.schedule).__name__, "CronDataIntervalTimetable")
        self.assertEqual(self.dag.schedule.cron, "0 2 * * *")
        self.assertEqual(self.dag.schedule.timezone, "UTC")
        self.assertEqual(self.dag.start_date, datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc))
        self.assertIs(self.dag.catchup, False)
        self.assertEqual(self.dag.max_active_runs, 1)

    def test_retries_with_exponential_back_off_and_timeouts(self):
        for task_id in BATCH_TASKS:
            task = self.dag.task_dict[task_id]
            with self.subTest(task=task_id):
                self.assertEqual(type(task).__name__, "BashOperator")
                self.assertEqual(task.retries, 0 if task_id == "validate" else 2)
                self.assertIs(task.retry_exponential_backoff, True)
                self.assertEqual(task.retry_delay, datetime.timedelta(minutes=5))
                self.assertEqual(task.max_retry_delay, datetime.timedelta(minutes=60))
                self.assertEqual(task.execution_timeout, datetime.timedelta(minutes=steps.BY_ID[task_id].timeout_minutes))
                self.assertIs(task.on_failure_callback, self.module.on_failure)

    def test_sensor_waits_in_reschedule_mode_with_a_timeout(self):
        sensor = self.dag.task_dict[steps.WAIT_FOR_INPUT]
        self.assertEqual(type(sensor).__name__, "PythonSensor")
        self.assertEqual(sensor.mode, "reschedule")
        self.assertEqual(sensor.timeout, 12 * 3600)
        self.assertEqual(sensor.poke_interval, 600)
        self.assertIs(sensor.python_callable, steps.input_ready)
        self.assertEqual(fakes.render(sensor, DS)["op_kwargs"],
                         {"path": f"/data/and/lake/retx_counters/dt={DS}/_SUCCESS"})

    def test_params_are_the_per_run_settings_with_their_defaults(self):
        self.assertEqual(set(self.dag.params), set(settings.PER_RUN))
        defaults = self.dag.param_defaults()
        for key in settings.PER_RUN:
            self.assertEqual(defaults[key], settings.BY_KEY[key].default, key)
            self.assertEqual(self.dag.params[key].description, settings.BY_KEY[key].doc)

    def test_airflow3_has_no_sla(self):
        # The fake Airflow 3 refuses `sla` and `sla_miss_callback`, as Airflow 3 does.
        self.assertNotIn("sla", self.dag.task_dict["publish"].kwargs)
        self.assertNotIn("sla_miss_callback", self.dag.kwargs)

    def test_failure_hook_logs_one_line(self):
        class TI:
            task_id, try_number, log_url = "validate", 1, "http://airflow/log"

        with self.assertLogs(self.module.log, logging.ERROR) as logs:
            self.module.on_failure({"task_instance": TI(), "ds": DS, "exception": RuntimeError("exit 1")})
        self.assertIn("AND day+1 FAILED", logs.output[0])
        self.assertIn("validate", logs.output[0])
        self.assertIn("exit 1", logs.output[0])


class RenderedCommandsTest(unittest.TestCase):

    def assert_same_commands_as_the_runner(self, dag, config, conf=None):
        run_config = dict(config)
        run_config.update(conf or {})
        values = steps.run_values(settings.resolve(run_config), DS)
        andiag = settings.resolve(run_config)["andiag"]
        for step in steps.plan_for(settings.resolve(config)):
            rendered = fakes.render(dag.task_dict[step.id], DS, conf)["bash_command"]
            self.assertEqual(shlex.split(rendered), steps.command(step, values, andiag), step.id)

    def test_every_command_is_the_runners_for_the_date(self):
        config = {"lake": "/mnt/lake", "andiag": "/opt/and/bin/andiag", "history_days": 4, "spark_master": "local[2]"}
        dag = fakes.load_dag_module(config).dag
        self.assert_same_commands_as_the_runner(dag, config)
        rendered = fakes.render(dag.task_dict["profile"], DS)["bash_command"]
        self.assertEqual(rendered, "/opt/and/bin/andiag batch profile --lake /mnt/lake --date 2026-11-21 "
                                   "--history-days 4 --master 'local[2]'")

    def test_a_run_can_override_a_per_run_setting(self):
        config = {"lake": "/mnt/lake"}
        dag = fakes.load_dag_module(config).dag
        conf = {"max_flagged_ratio": 5.0, "lake": "/mnt/other lake"}
        self.assert_same_commands_as_the_runner(dag, config, conf)
        self.assertIn("--max-flagged-ratio 5.0 ", fakes.render(dag.task_dict["validate"], DS, conf)["bash_command"])

    def test_values_are_quoted_for_bash(self):
        config = {"lake": "/mnt/my lake/it's here", "andiag": "/opt/a b/andiag"}
        dag = fakes.load_dag_module(config).dag
        self.assert_same_commands_as_the_runner(dag, config)

    def test_ingest_task_and_its_input_when_configured(self):
        config = {"lake": "/mnt/lake", "ingest_input": "/incoming/dt={date}/counters.jsonl.gz",
                  "skip_steps": ["train-router"]}
        dag = fakes.load_dag_module(config).dag
        self.assertEqual([t.task_id for t in fakes.ordered(dag)],
                         [steps.WAIT_FOR_INPUT, "ingest", "profile", "noise", "train-detector", "validate", "publish"])
        self.assertEqual(dag.task_dict["validate"].upstream_task_ids, {"train-detector"})
        self.assertEqual(fakes.render(dag.task_dict[steps.WAIT_FOR_INPUT], DS)["op_kwargs"],
                         {"path": f"/incoming/dt={DS}/counters.jsonl.gz"})
        self.assert_same_commands_as_the_runner(dag, config)


class VariantsTest(unittest.TestCase):

    def test_spark_submit_when_the_provider_is_installed(self):
        config = {"lake": "/mnt/lake", "batch_jar": "/opt/and/and-offline-batch.jar", "spark_conn_id": "spark_yarn"}
        dag = fakes.load_dag_module(config, blocked=()).dag
        values = steps.run_values(settings.resolve(config), DS)
        for step in steps.plan_for(settings.resolve(config)):
            task = dag.task_dict[step.id]
            with self.subTest(task=step.id):
                self.assertEqual(type(task).__name__, "SparkSubmitOperator")
                self.assertEqual(task.java_class, "io.andiag.batch.cli.BatchCli")
                self.assertEqual(task.conn_id, "spark_yarn")
                rendered = fakes.render(task, DS)
                self.assertEqual(rendered["application"], "/opt/and/and-offline-batch.jar")
                self.assertEqual(rendered["application_args"], steps.batch_args(step, values))

    def test_operator_setting_chooses_the_variant(self):
        bash = fakes.load_dag_module({"operator": "bash"}, blocked=()).dag
        self.assertEqual(type(bash.task_dict["profile"]).__name__, "BashOperator")
        with self.assertRaisesRegex(ValueError, "apache-airflow-providers-apache-spark is not installed"):
            fakes.load_dag_module({"operator": "spark-submit"})

    def test_airflow2_layout_with_sla(self):
        module = fakes.load_dag_module({"sla_hours": 4}, version="2.10.5",
                                       blocked=fakes.AIRFLOW2_ONLY + fakes.NO_SPARK_PROVIDER)
        dag = module.dag
        self.assertEqual(dag.task_dict["publish"].sla, datetime.timedelta(hours=4))
        self.assertIs(dag.sla_miss_callback, module.on_sla_miss)
        self.assertEqual(type(dag.task_dict["noise"]).__name__, "BashOperator")

    def test_settings_from_the_variable_shape_the_dag(self):
        dag = fakes.load_dag_module({"catchup": True, "retries": 4, "schedule": "30 1 * * *",
                                     "step_timeout_minutes": {"profile": 300}, "sensor_timeout_hours": 2}).dag
        self.assertIs(dag.catchup, True)
        self.assertEqual(dag.schedule.cron, "30 1 * * *")
        self.assertEqual(dag.task_dict["noise"].retries, 4)
        self.assertEqual(dag.task_dict["profile"].execution_timeout, datetime.timedelta(minutes=300))
        self.assertEqual(dag.task_dict[steps.WAIT_FOR_INPUT].timeout, 7200)

    def test_an_invalid_variable_fails_the_import_naming_it(self):
        with self.assertRaises(ValueError) as e:
            fakes.load_dag_module({"history_days": 0})
        self.assertIn("Airflow Variable and_day_plus_one", str(e.exception))
        self.assertIn("history_days", str(e.exception))
        with self.assertRaisesRegex(ValueError, "must hold a JSON object"):
            fakes.load_dag_module(raw_variable="[1, 2]")

    def test_the_fake_leaves_no_airflow_behind(self):
        fakes.load_dag_module()
        import sys

        self.assertFalse([m for m in sys.modules if m == "airflow" or m.startswith("airflow.")])
        self.assertNotIn(fakes.FAKES, sys.path)


class SensorTest(unittest.TestCase):

    def test_input_ready_is_true_once_the_marker_exists(self):
        with tempfile.TemporaryDirectory() as tmp:
            marker = os.path.join(tmp, "retx_counters", f"dt={DS}", "_SUCCESS")
            self.assertFalse(steps.input_ready(marker))
            os.makedirs(os.path.dirname(marker))
            open(marker, "w").close()
            self.assertTrue(steps.input_ready(marker))


if __name__ == "__main__":
    unittest.main()
