"""docs/airflow.md lists the settings as and_pipeline.settings declares them."""

from __future__ import annotations

import os
import unittest

import fakes
from and_pipeline import settings


class DocsTest(unittest.TestCase):

    def test_the_settings_table_is_current(self):
        with open(os.path.join(fakes.REPO, "docs", "airflow.md"), encoding="utf-8") as f:
            doc = f.read()
        self.assertIn(settings.describe(), doc,
                      "regenerate the table in docs/airflow.md from and_pipeline.settings.describe()")


if __name__ == "__main__":
    unittest.main()
