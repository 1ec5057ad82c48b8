"""Real server processes for tests that need them: the browser tests and the shared cache."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg2

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database_url(tmp_dir, suffix):
    """A new database beside the configured one (PostgreSQL), or a SQLite file in tmp_dir."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        return f"sqlite:///{tmp_dir / f'{suffix}.sqlite3'}"
    url = urlparse(configured)
    name = f"{url.path.lstrip('/') or 'portal'}_{suffix}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=url.username,
        password=url.password,
        host=url.hostname,
        port=url.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunparse(url._replace(path=f"/{name}"))


def site_environment(tmp_dir, database_url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(tmp_dir / "media"),
        "DJANGO_PRIVATE_FILES_ROOT": str(tmp_dir / "private"),
        "DJANGO_TASKS_BACKEND": "immediate",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def start_gunicorn(env, workers=2):
    """Start the portal under gunicorn on a free loopback port; returns (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ],
        cwd=PROJECT_DIR,
        env=env,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/healthz/", timeout=2)  # noqa: S310 - our loopback server
            return process, base_url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("The portal did not start.") from None
            time.sleep(0.2)


def stop(process):
    process.terminate()
    process.wait(timeout=10)
