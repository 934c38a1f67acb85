# SPDX-License-Identifier: AGPL-3.0-or-later
"""Test settings: the same stack as production, on SQLite or on DATABASE_URL (PostgreSQL)."""

from motcua.settings import env
from motcua.settings.base import *  # noqa: F403
from motcua.settings.base import STORAGES

SECRET_KEY = "test-only-not-secret"
DEBUG = False
DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.VAR_DIR / "test-media"
# Tests open and close connections per thread themselves (concurrency tests).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
NOTIFICATIONS = {
    **NOTIFICATIONS,  # noqa: F405
    "SMS_BACKEND": "file",
    "SMS_FILE": str(env.VAR_DIR / "test-sms.log"),
}
