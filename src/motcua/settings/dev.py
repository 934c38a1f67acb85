# SPDX-License-Identifier: AGPL-3.0-or-later
"""Local and embedded demo settings (``make run``): SQLite under var/, demo data allowed.

DEBUG stays off unless DJANGO_DEBUG=1; ``make run`` serves with gunicorn and DEBUG off.
"""

from motcua.settings import env
from motcua.settings.base import *  # noqa: F403

SECRET_KEY = env.SECRET_KEY or env.local_secret_key()
DEMO_MODE = True

# Embedded mode: e-mails become files under var/mail unless MOTCUA_EMAIL_BACKEND says otherwise.
if not env.EMAIL_BACKEND_GIVEN:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
