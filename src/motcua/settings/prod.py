# SPDX-License-Identifier: AGPL-3.0-or-later
"""Production settings: SECRET_KEY required, HTTPS-only cookies and HSTS, no demo data."""

from django.core.exceptions import ImproperlyConfigured

from motcua.settings import env
from motcua.settings.base import *  # noqa: F403

if not env.SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
SECRET_KEY = env.SECRET_KEY
DEBUG = False
DEMO_MODE = False

if env.TLS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
