# SPDX-License-Identifier: AGPL-3.0-or-later
"""Settings shared by every environment. Environment values come only from ``env``."""

from __future__ import annotations

from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from motcua.settings import env

BASE_DIR = env.BASE_DIR
SRC_DIR = BASE_DIR / "src" / "motcua"

DEBUG = env.DEBUG
SECRET_KEY = env.SECRET_KEY
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS
DEMO_MODE = env.DEMO_MODE

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "treebeard",
    "simple_history",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "motcua.core",
    "motcua.units",
    "motcua.agencies",
    "motcua.accounts",
    "motcua.workcal",
    "motcua.scheduler",
    "motcua.search",
    "motcua.catalog",
    "motcua.notifications",
    "motcua.dossiers",
    "motcua.feedback",
    "motcua.reports",
    "motcua.api",
    "motcua.portal",
    "motcua.desk",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "motcua.core.context_processors.site",
                "motcua.accounts.context_processors.user_flags",
            ],
        },
    }
]


def database_config(url: str, default_sqlite_path: str) -> dict[str, Any]:
    """Build the default database from DATABASE_URL, or the embedded SQLite file.

    SQLite runs in WAL mode with IMMEDIATE transactions so that concurrent writers queue
    instead of failing with "database is locked" (ARCHITECTURE.md §2, tier 0).
    """
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(
                url, conn_max_age=env.DATABASE_CONN_MAX_AGE, conn_health_checks=True
            )
        )
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": default_sqlite_path}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            }
        )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Lets core.rows.prepared_cursor prepare its fixed statements; the ORM's client-side
        # binding cursor never prepares, whatever this says (Django's default None forbids it).
        config.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
    return config


DATABASES = {"default": database_config(env.DATABASE_URL, str(env.VAR_DIR / "motcua.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "motcua.accounts.passwords.StaffPasswordStrengthValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# django-axes: lock an account+address after repeated failures (brute-force protection).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_USERNAME_FORM_FIELD = "login"
# allauth logs in with username=/email=, but the form field is "login": lock on what was typed.
AXES_USERNAME_CALLABLE = "motcua.accounts.login_security.axes_username"

# django-allauth: local accounts by username or e-mail; OIDC providers from the environment.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_ADAPTER = "motcua.accounts.adapters.CitizenSocialAccountAdapter"
# Per-address sign-in limit shared by all workers (core.ratelimit), on top of axes lockouts.
ACCOUNT_ADAPTER = "motcua.accounts.login_limits.RateLimitedAccountAdapter"
SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {}
if env.OIDC_SERVER_URL and env.OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env.OIDC_PROVIDER_ID or "vneid",
                "name": env.OIDC_PROVIDER_NAME,
                "client_id": env.OIDC_CLIENT_ID,
                "secret": env.OIDC_CLIENT_SECRET,
                "settings": {"server_url": env.OIDC_SERVER_URL},
            }
        ],
    }

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.VAR_DIR / "media"
MEDIA_URL = "/media/"

DATA_UPLOAD_MAX_MEMORY_SIZE = env.MAX_BODY_BYTES
# Form templates (mẫu đơn, tờ khai) attached to catalogue documents.
CATALOG_TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = env.MAX_BODY_BYTES
EMAIL_BACKEND = env.EMAIL_URL

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "deadlines", "notifications", "sync", "reports"],
    }
}

# Security headers that hold in every environment; prod.py adds the HTTPS-only ones.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Notifications (issue 6): channels behind a port; the outbox is delivered by the worker.
DEFAULT_FROM_EMAIL = env.EMAIL_FROM
EMAIL_FILE_PATH = env.EMAIL_FILE_PATH
NOTIFICATIONS: dict[str, Any] = {
    "EMAIL_FROM": env.EMAIL_FROM,
    "SMS_BACKEND": env.SMS_BACKEND,
    "SMS_FILE": env.SMS_FILE,
    "SMS_HTTP_URL": env.SMS_HTTP_URL,
    "SMS_HTTP_TOKEN": env.SMS_HTTP_TOKEN,
    "SMS_HTTP_TIMEOUT": env.SMS_HTTP_TIMEOUT,
    "SMS_SENDER": env.SMS_SENDER,
    "MAX_ATTEMPTS": env.NOTIFY_MAX_ATTEMPTS,
    "RETRY_BASE_SECONDS": 5,
    "RETRY_CAP_SECONDS": 1800,
}

# Scheduler (ours, ARCHITECTURE.md §1.2): interval jobs enqueued by `manage.py run_scheduler`.
SCHEDULER_TICK_SECONDS = env.SCHEDULER_TICK_SECONDS
SCHEDULER_JOBS: list[dict[str, Any]] = [
    {
        "name": "deadline_watch",
        "task": "motcua.dossiers.tasks.deadline_watch",
        "every_seconds": 300,
    },
    {
        "name": "notifications_sweep",
        "task": "motcua.notifications.tasks.sweep",
        "every_seconds": 30,
    },
    {
        # Folds new dossier events into the statistics aggregates (a no-op run takes ms).
        "name": "reports_aggregates_refresh",
        "task": "motcua.reports.tasks.aggregates_refresh",
        "every_seconds": 60,
    },
    {
        # Deletes old finished task rows (scheduler/housekeeping.py).
        "name": "housekeeping",
        "task": "motcua.scheduler.tasks.housekeeping",
        "every_seconds": 86400,
    },
]
# Days kept: successful background-task rows, failed ones.
HOUSEKEEPING = {"task_results_days": 30, "failed_task_results_days": 90}
