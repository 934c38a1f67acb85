#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# `make run`: migrate the embedded SQLite database, load demo data, collect static files, then
# serve with gunicorn and run the task worker and the scheduler in one process group. Ctrl-C
# stops everything.
set -euo pipefail
port=${1:-8000}
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=motcua.settings.dev
export DJANGO_DEBUG=0
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
py=.venv/bin/python
mkdir -p var
$py manage.py migrate --noinput
$py manage.py collectstatic --noinput >/dev/null
# Reference data (idempotent): administrative units and the working-day calendar.
$py manage.py load_units
$py manage.py workcal_seed --years 2020-2035
$py manage.py seed_demo

pids=()
stop() {
  trap - INT TERM EXIT
  echo "motcua: stopping"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

$py manage.py db_worker --queue-name '*' --interval 1 &
pids+=($!)
# Periodic jobs (deadline watch, notification sweep): enqueued on their interval.
$py manage.py run_scheduler --verbosity 0 &
pids+=($!)
.venv/bin/gunicorn motcua.wsgi:application -c deploy/gunicorn.conf.py --bind "127.0.0.1:${port}" &
pids+=($!)

$py manage.py demo_logins --url "http://127.0.0.1:${port}/"
# Exit (and stop the rest) as soon as any of them dies.
wait -n "${pids[@]}"
