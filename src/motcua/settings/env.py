# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one place where motcua reads its environment.

Every setting that may differ between machines comes from here, so a reader can see at a glance
what an operator may set. Values are parsed once at import time.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var"))


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = _bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Seconds a web/worker process keeps its PostgreSQL connection (0: one per request).
DATABASE_CONN_MAX_AGE = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60") or 0)
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", [])
# Embedded mode serves plain HTTP on loopback; behind a TLS proxy set MOTCUA_TLS=1.
TLS = _bool("MOTCUA_TLS", True)
DEMO_MODE = _bool("MOTCUA_DEMO", False)
MAX_BODY_BYTES = _int("MOTCUA_MAX_BODY_BYTES", 2 * 1024 * 1024)
EMAIL_URL = os.environ.get("MOTCUA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# OpenID Connect sign-in (national e-ID / VNeID-backed SSO or a provincial IdP).
OIDC_PROVIDER_ID = os.environ.get("MOTCUA_OIDC_PROVIDER_ID", "")
OIDC_PROVIDER_NAME = os.environ.get("MOTCUA_OIDC_PROVIDER_NAME", "VNeID")
OIDC_SERVER_URL = os.environ.get("MOTCUA_OIDC_SERVER_URL", "")
OIDC_CLIENT_ID = os.environ.get("MOTCUA_OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("MOTCUA_OIDC_CLIENT_SECRET", "")


def local_secret_key() -> str:
    """Return a per-installation key kept in var/ (dev and embedded mode only)."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


# Notifications (docs/notifications.md): e-mail sender and files, SMS gateway, retries.
EMAIL_BACKEND_GIVEN = bool(os.environ.get("MOTCUA_EMAIL_BACKEND"))
EMAIL_FROM = os.environ.get("MOTCUA_EMAIL_FROM", "motcua <no-reply@motcua.invalid>")
EMAIL_FILE_PATH = os.environ.get("MOTCUA_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
SMS_BACKEND = os.environ.get("MOTCUA_SMS_BACKEND", "file")  # file | console | http
SMS_FILE = os.environ.get("MOTCUA_SMS_FILE", str(VAR_DIR / "sms.log"))
SMS_HTTP_URL = os.environ.get("MOTCUA_SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = os.environ.get("MOTCUA_SMS_HTTP_TOKEN", "")
SMS_HTTP_TIMEOUT = _int("MOTCUA_SMS_HTTP_TIMEOUT", 10)
SMS_SENDER = os.environ.get("MOTCUA_SMS_SENDER", "")
NOTIFY_MAX_ATTEMPTS = _int("MOTCUA_NOTIFY_MAX_ATTEMPTS", 6)
# Scheduler (docs/notifications.md, "Scheduler"): seconds between ticks of run_scheduler.
SCHEDULER_TICK_SECONDS = _int("MOTCUA_SCHEDULER_TICK_SECONDS", 5)
