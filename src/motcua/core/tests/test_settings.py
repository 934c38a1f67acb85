# SPDX-License-Identifier: AGPL-3.0-or-later
"""The settings modules behave as documented: prod refuses to start without a secret."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def _settings(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({k: getattr(settings, k, None) for k in ("
        "'DEBUG','DEMO_MODE','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_HSTS_SECONDS',"
        "'SECURE_SSL_REDIRECT','X_FRAME_OPTIONS','TIME_ZONE','LANGUAGE_CODE')}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=module, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_prod_settings_refuse_to_start_without_secret_key():
    result = _settings("motcua.settings.prod")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_prod_settings_turn_on_https_only_cookies_hsts_and_no_demo():
    result = _settings("motcua.settings.prod", SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["DEMO_MODE"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["TIME_ZONE"] == "Asia/Ho_Chi_Minh"
    assert values["LANGUAGE_CODE"] == "vi"


def test_prod_settings_ignore_demo_flag_from_environment():
    result = _settings("motcua.settings.prod", SECRET_KEY="x" * 60, MOTCUA_DEMO="1")
    assert json.loads(result.stdout)["DEMO_MODE"] is False
