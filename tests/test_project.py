"""Site-wide checks: migrations, settings, the setup a new machine gets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

PROJECT_DIR = Path(__file__).resolve().parent.parent
REAL_LOOKING_KEY = secrets.token_urlsafe(64)


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _import_production_settings(code="import portal.settings.production", **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _import_production_settings()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_a_short_or_placeholder_key():
    assert _import_production_settings(DJANGO_SECRET_KEY="short").returncode != 0
    placeholder = "django-insecure-" + "x" * 60
    assert _import_production_settings(DJANGO_SECRET_KEY=placeholder).returncode != 0


def test_production_settings_refuse_debug():
    result = _import_production_settings(DJANGO_SECRET_KEY=REAL_LOOKING_KEY, DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_production_settings_start_with_a_real_key():
    result = _import_production_settings(DJANGO_SECRET_KEY=REAL_LOOKING_KEY)
    assert result.returncode == 0, result.stderr


def test_a_variable_set_empty_counts_as_unset():
    code = (
        "import portal.settings.production as s; "
        "print(s.DATABASES['default']['ENGINE'], s.PRIVATE_FILES_ROOT, "
        "s.ENQUIRY_RATE_LIMIT_PER_HOUR)"
    )
    result = _import_production_settings(
        code,
        DJANGO_SECRET_KEY=REAL_LOOKING_KEY,
        DATABASE_URL="",
        DJANGO_PRIVATE_FILES_ROOT="",
        ENQUIRY_RATE_LIMIT_PER_HOUR="",
    )
    assert result.returncode == 0, result.stderr
    defaults = ["django.db.backends.sqlite3", str(PROJECT_DIR / "private"), "5"]
    assert result.stdout.split() == defaults
    assert _import_production_settings(DJANGO_SECRET_KEY="").returncode != 0


def test_production_serves_hashed_compressed_static_files():
    code = "import portal.settings.production as s; print(s.STORAGES['staticfiles']['BACKEND'])"
    result = _import_production_settings(code, DJANGO_SECRET_KEY=REAL_LOOKING_KEY)
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"
