# SPDX-License-Identifier: AGPL-3.0-or-later
"""Settings for the HTTP benchmarks: the demo settings (DEBUG off) with persistent database
connections, as a production deployment behind gunicorn would configure them (a new PostgreSQL
connection per request costs ~3–5 ms on the reference machine). Not used by the application."""

from motcua.settings.dev import *  # noqa: F403
from motcua.settings.dev import DATABASES

DEBUG = False
DATABASES["default"]["CONN_MAX_AGE"] = 600
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Uploaded papers of the HTTP lifecycle benchmark go to its temporary directory.
import os  # noqa: E402

if os.environ.get("MOTCUA_BENCH_MEDIA"):
    MEDIA_ROOT = os.environ["MOTCUA_BENCH_MEDIA"]
