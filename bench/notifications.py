# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark: notification latency with the embedded worker (issue 6 §6 goal: 99 % of
notifications handed to their channel within 10 s of the dossier event).

    .venv/bin/python bench/notifications.py [--events 300] [--rate 10] [--workers 1] [--wait 120]

A throwaway SQLite file under /tmp (WAL, IMMEDIATE, as in ``make run``) is migrated and given a
minimal world (agencies, officials, one procedure, the 2026–2027 calendar). Then, as
``scripts/run.sh`` does, ``manage.py db_worker --queue-name '*' --interval 1`` (``--workers``
of them) and ``manage.py run_scheduler`` start as subprocesses, and this process receives
``--events`` dossiers at the counter through ``dossier_receive_at_counter`` at ``--rate`` per
second. Each ``received`` event notifies the applicant on three channels: portal inbox, e-mail
(file backend) and SMS (file adapter). Latency per message = ``Message.handed_at`` − the
event's ``occurred_at`` (stored as ``Message.event_at``); the ``notifications_record`` task, the
``deliver`` tasks and the worker's polling are all inside it. Bounded: waits at most ``--wait``
seconds for delivery, then kills its subprocesses and deletes the files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "MOTCUA_VAR_DIR": str(tmp),
            "MOTCUA_SMS_BACKEND": "file",
            "DJANGO_DEBUG": "0",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    env.pop("MOTCUA_EMAIL_BACKEND", None)  # dev settings: file-based e-mail under var/mail
    return env


def manage(env: dict[str, str], *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    out = log.open("wb") if log else subprocess.DEVNULL
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def seed() -> Any:
    from motcua.dossiers.tests.factories import build_world
    from motcua.workcal.seed import calendar_seed_from_library

    calendar_seed_from_library(years=[2026, 2027])
    return build_world(prefix="bench-")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    env = environment(tmp)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    migrate = manage(env, "migrate", "--noinput", log=tmp / "migrate.log")
    if migrate.wait(timeout=600) != 0:
        raise SystemExit((tmp / "migrate.log").read_text()[-2000:])
    import django

    django.setup()
    from motcua.dossiers.services import dossier_receive_at_counter
    from motcua.notifications.models import Message

    world = seed()
    procs = [
        manage(env, "db_worker", "--queue-name", "*", "--interval", "1", log=tmp / f"w{i}.log")
        for i in range(args.workers)
    ]
    procs.append(manage(env, "run_scheduler", log=tmp / "scheduler.log"))
    try:
        time.sleep(2)  # let the worker start polling
        started = time.monotonic()
        for i in range(args.events):
            due = started + i / args.rate
            if (pause := due - time.monotonic()) > 0:
                time.sleep(pause)
            dossier_receive_at_counter(
                documents=world.docs(), **world.counter_kw(applicant_user=world.applicant)
            )
        issued = time.monotonic() - started
        expected = args.events * 3
        deadline = time.monotonic() + args.wait
        while time.monotonic() < deadline:
            done = Message.objects.filter(status__in=["sent", "failed"]).count()
            if done >= expected:
                break
            time.sleep(0.5)
        rows = list(Message.objects.values_list("channel", "status", "event_at", "handed_at"))
    finally:
        stop(procs)
    latencies = [(h - e).total_seconds() for _c, s, e, h in rows if s == "sent" and h and e]
    by_channel = {
        ch: [(h - e).total_seconds() for c, s, e, h in rows if c == ch and s == "sent" and h]
        for ch in ("inbox", "email", "sms")
    }
    sms_lines = len((tmp / "sms.log").read_text().splitlines()) if (tmp / "sms.log").exists() else 0
    mails = sum(  # the file backend appends several e-mails to one file within a second
        path.read_text(errors="replace").count("X-Motcua-Ref:")
        for path in (tmp / "mail").glob("*.log")
    )
    within = sum(1 for x in latencies if x <= 10.0)
    return {
        "events": args.events,
        "rate_per_s": args.rate,
        "workers": args.workers,
        "issue_seconds": round(issued, 1),
        "messages_expected": expected,
        "messages_recorded": len(rows),
        "messages_sent": len(latencies),
        "sms_lines": sms_lines,
        "emails_in_files": mails,
        "p50_s": round(statistics.median(latencies), 2) if latencies else None,
        "p99_s": round(percentile(latencies, 0.99), 2) if latencies else None,
        "max_s": round(max(latencies), 2) if latencies else None,
        "within_10s_share_of_expected": round(within / expected, 4),
        "p99_by_channel_s": {
            ch: round(percentile(v, 0.99), 2) if v else None for ch, v in by_channel.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--rate", type=float, default=10.0, help="events per second")
    parser.add_argument("--wait", type=float, default=120.0, help="max seconds to drain")
    parser.add_argument("--workers", type=int, default=1, help="db_worker processes ('*')")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="motcua_notif_bench_", dir="/tmp"))
    try:
        result = run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
