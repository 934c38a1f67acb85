# SPDX-License-Identifier: AGPL-3.0-or-later
"""gunicorn settings: gthread workers (ARCHITECTURE.md §1.9: best HTML throughput on 2 cores)."""

import multiprocessing
import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, max(2, multiprocessing.cpu_count()))))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = 60
graceful_timeout = 10
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
