"""The step list and the settings (and_pipeline), on their own: no Airflow, no Java."""

from __future__ import annotations

import os
import re
import unittest

import fakes  # also puts airflow-dags/ on sys.path
from and_pipeline import settings, steps

BATCH_SRC = os.path.join(fakes.REPO, "offline-batch", "src", "main", "java", "io", "andiag", "batch")


class SettingsTest(unittest.TestCase):

    def test_defaults_resolve_to_themselves(self):
        config = settings.resolve({})
        for s in settings.SETTINGS:
            self.assertEqual(config[s.key], s.parse(s.key, s.default), s.key)
        self.assertEqual(config["skip_steps"], ())
        self.assertEqual(config["ingest_input"], "")

    def test_unknown_setting_is_rejected_naming_it_and_the_source(self):
        with self.assertRaises(ValueError) as e:
            settings.resolve({"lake_path": "/x"}, source="Airflow Variable and_day_plus_one")
        self.assertIn("Airflow Variable and_day_plus_one", str(e.exception))
        self.assertIn("'lake_path'", str(e.exception))

    def test_invalid_values_are_rejected_naming_the_setting_and_the_value(self):
        cases = {
            "history_days": 0, "max_flagged_share": 0, "max_flagged_ratio": 0.5, "max_pattern_drift": 1.5,
            "operator": "kubernetes", "schedule": "every night", "start_date": "2026-13-01", "catchup": "yes",
            "skip_steps": ["profile"], "step_timeout_minutes": {"nope": 5}, "lake": "", "retries": True,
        }
        for key, value in cases.items():
            with self.subTest(key=key), self.assertRaises(ValueError) as e:
                settings.resolve({key: value})
            self.assertIn(key, str(e.exception))
            expected = {"skip_steps": "'profile'", "step_timeout_minutes": "'nope'"}.get(key, repr(value))
            self.assertIn(expected, str(e.exception))
        with self.assertRaisesRegex(ValueError, "max_retry_delay_minutes"):
            settings.resolve({"retry_delay_minutes": 30, "max_retry_delay_minutes": 10})

    def test_values_from_json_and_text_are_accepted(self):
        config = settings.resolve({"history_days": "5", "catchup": "true", "skip_steps": "train-router",
                                   "step_timeout_minutes": {"profile": 240}})
        self.assertEqual(config["history_days"], 5)
        self.assertIs(config["catchup"], True)
        self.assertEqual(config["skip_steps"], ("train-router",))
        self.assertEqual(config["step_timeout_minutes"], {"profile": 240})

    def test_gate_tolerance_defaults_are_the_batchs(self):
        # The DAG passes every tolerance explicitly (so each task's log shows it); its defaults must be the batch's own,
        # io.andiag.batch.publish.PublishSettings.DEFAULT_*.
        with open(os.path.join(BATCH_SRC, "publish", "PublishSettings.java"), encoding="utf-8") as f:
            java = dict(re.findall(r"public static final double DEFAULT_(MAX_\w+) = ([0-9.]+);", f.read()))
        self.assertEqual(set(java), {k.upper() for k in settings.GATE_TOLERANCES})
        for key in settings.GATE_TOLERANCES:
            self.assertEqual(settings.BY_KEY[key].default, float(java[key.upper()]), key)

    def test_every_per_run_setting_has_a_param_schema(self):
        for key in settings.PER_RUN:
            self.assertIn("type", settings.BY_KEY[key].schema, key)


class StepsTest(unittest.TestCase):

    def test_the_steps_in_order(self):
        self.assertEqual(steps.STEP_IDS, ("ingest", "profile", "noise", "train-detector", "train-router", "validate",
                                          "publish"))
        seen: set[str] = set()
        for s in steps.STEPS:
            self.assertLessEqual(set(s.upstream), seen, f"{s.id} comes after its upstream steps")
            seen.add(s.id)

    def test_step_ids_are_batch_subcommands(self):
        names = set()
        for root, _, files in os.walk(os.path.join(BATCH_SRC, "cli")):
            for name in files:
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    names.update(re.findall(r'@Command\(name = "([\w-]+)"', f.read()))
        self.assertLessEqual(set(steps.STEP_IDS) - names, set(fakes.NOT_ON_MAIN_YET))

    def test_every_placeholder_has_a_value(self):
        per_run = set(settings.PER_RUN)
        for s in steps.STEPS:
            for arg in s.args:
                names = steps.placeholders(arg)
                self.assertLessEqual(len(names), 1, arg)
                if names:
                    self.assertEqual(arg, "{" + names[0] + "}", "a template is a literal or one placeholder")
                    self.assertIn(names[0], per_run | {"date", "ingest_input"}, arg)
        self.assertLessEqual(set(steps.SETTING_PLACEHOLDERS), per_run)

    def test_plan_without_ingest_starts_with_profile(self):
        plan = steps.plan(ingest=False)
        self.assertEqual([s.id for s in plan], ["profile", "noise", "train-detector", "train-router", "validate", "publish"])
        self.assertEqual(plan[0].upstream, ())

    def test_plan_with_ingest_and_without_router_bridges_the_dependencies(self):
        plan = steps.plan(ingest=True, skip=["train-router"])
        by_id = {s.id: s for s in plan}
        self.assertEqual([s.id for s in plan], ["ingest", "profile", "noise", "train-detector", "validate", "publish"])
        self.assertEqual(by_id["profile"].upstream, ("ingest",))
        self.assertEqual(by_id["validate"].upstream, ("train-detector",))
        with self.assertRaisesRegex(ValueError, "cannot be skipped"):
            steps.plan(ingest=False, skip=["validate"])

    def test_from_step_is_the_step_and_everything_downstream(self):
        plan = steps.plan(ingest=False)
        self.assertEqual([s.id for s in steps.from_step(plan, "validate")], ["validate", "publish"])
        self.assertEqual(steps.from_step(plan, "profile"), plan)
        with self.assertRaisesRegex(ValueError, "no step 'ingest'"):
            steps.from_step(plan, "ingest")

    def test_commands_for_a_date(self):
        config = settings.resolve({"lake": "/lake", "history_days": 4, "ingest_input": "/in/dt={date}"})
        values = steps.run_values(config, "2026-11-21")
        self.assertEqual(steps.command(steps.BY_ID["profile"], values, "andiag"),
                         ["andiag", "batch", "profile", "--lake", "/lake", "--date", "2026-11-21", "--history-days", "4",
                          "--master", "local[*]"])
        self.assertEqual(steps.command(steps.BY_ID["ingest"], values, "andiag"),
                         ["andiag", "batch", "ingest", "--lake", "/lake", "--date", "2026-11-21", "--input",
                          "/in/dt=2026-11-21", "--master", "local[*]"])
        self.assertEqual(steps.batch_args(steps.BY_ID["validate"], values),
                         ["validate", "--lake", "/lake", "--date", "2026-11-21", "--history-days", "4",
                          "--max-flagged-share", "0.01", "--max-flagged-ratio", "3.0", "--max-pattern-share", "0.95",
                          "--max-pattern-drift", "0.25", "--max-recall-drop", "0.1"])
        # validate and publish run the same gate: the same tolerances.
        self.assertEqual(steps.batch_args(steps.BY_ID["validate"], values)[1:],
                         steps.batch_args(steps.BY_ID["publish"], values)[1:])

    def test_input_marker(self):
        values = {"lake": "/lake", "date": "2026-11-21", "ingest_input": "/in/x.jsonl"}
        self.assertEqual(steps.fill(steps.input_marker(False), values), "/lake/retx_counters/dt=2026-11-21/_SUCCESS")
        self.assertEqual(steps.fill(steps.input_marker(True), values), "/in/x.jsonl")


if __name__ == "__main__":
    unittest.main()
