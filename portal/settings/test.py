"""Tests: fast hashing, in-memory e-mail and cache, files in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-used-anywhere-else"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {**CACHES, "default": {"BACKEND": PROCESS_MEMORY}}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

_TEST_FILES = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = _TEST_FILES / "media"
PRIVATE_FILES_ROOT = _TEST_FILES / "private"
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = _TEST_FILES / "static"
STATIC_ROOT.mkdir()
