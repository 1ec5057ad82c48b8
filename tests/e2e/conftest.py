"""A real server process and Debian's Chromium, for the journeys that matter most.

The server runs under gunicorn against its own database (PostgreSQL when DATABASE_URL points at
one, as in CI; a SQLite file otherwise), loaded with the demo content and three staff accounts.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg2
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = PROJECT_DIR / "tests" / "e2e" / "screenshots"
PASSWORD = "e2e-password-not-for-real-use"
STAFF = {
    "coordinator": ("Enquiry coordinators", "Chioma", "Obi"),
    "editor": ("Editors", "Ed", "Itor"),
    "reviewer": ("Medical reviewers", "Amara", "Okafor"),
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import sync_playwright  # noqa: E402


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp_dir):
    """A fresh database beside the configured one, so nothing real is touched."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        return f"sqlite:///{tmp_dir / 'e2e.sqlite3'}"
    url = urlparse(configured)
    name = f"{url.path.lstrip('/') or 'portal'}_e2e"
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


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)


@pytest.fixture(scope="package")
def server():
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-e2e-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": _database_url(tmp_dir),
        "DJANGO_MEDIA_ROOT": str(tmp_dir / "media"),
        "DJANGO_PRIVATE_FILES_ROOT": str(tmp_dir / "private"),
        "DJANGO_TASKS_BACKEND": "immediate",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Robots are not what these tests are about: a browser fills forms in milliseconds.
        "ENQUIRY_MIN_FILL_SECONDS": "0",
        "ENQUIRY_RATE_LIMIT_PER_HOUR": "1000",
    }
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "load_demo_content")
    accounts = "; ".join(
        f"u = User.objects.create_user({role!r}, '{role}@example.org', {PASSWORD!r}, "
        f"first_name={first!r}, last_name={last!r}); "
        f"u.groups.add(Group.objects.get(name={group!r}))"
        for role, (group, first, last) in STAFF.items()
    )
    _manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; " + accounts,
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--log-level", "warning",
        ],
        cwd=PROJECT_DIR,
        env=env,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base_url, timeout=2)  # noqa: S310 - our own loopback server
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("The portal did not start for the browser tests.") from None
            time.sleep(0.2)
    yield base_url
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(tmp_dir, ignore_errors=True)


# Package scope: Playwright's event loop must be gone before other tests use the database.
@pytest.fixture(scope="package")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, base_url=server, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser, server):
    context = browser.new_context(viewport=DESKTOP, base_url=server, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def log_in(page, role):
    page.goto("/admin/login/")
    page.fill("#id_username", role)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
