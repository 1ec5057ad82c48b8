"""A real server process and Debian's Chromium, for the journeys that matter most.

The server runs under gunicorn against its own database (PostgreSQL when DATABASE_URL points at
one, as in CI; a SQLite file otherwise), loaded with the demo content and three staff accounts.
"""

import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.servers import (
    PROJECT_DIR,
    fresh_database_url,
    manage,
    site_environment,
    start_gunicorn,
    stop,
)
from tests.test_two_factor import code_for

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
    "new-coordinator": ("Enquiry coordinators", "Tunde", "Bakare"),
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


@pytest.fixture(scope="package")
def server():
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-e2e-"))
    env = site_environment(
        tmp_dir,
        fresh_database_url(tmp_dir, "e2e"),
        # Robots are not what these tests are about: a browser fills forms in milliseconds.
        ENQUIRY_MIN_FILL_SECONDS="0",
        ENQUIRY_RATE_LIMIT_PER_HOUR="1000",
    )
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content")
    accounts = "; ".join(
        f"u = User.objects.create_user({role!r}, '{role}@example.org', {PASSWORD!r}, "
        f"first_name={first!r}, last_name={last!r}); "
        f"u.groups.add(Group.objects.get(name={group!r}))"
        for role, (group, first, last) in STAFF.items()
    )
    manage(env, "shell", "-c", "from django.contrib.auth.models import Group, User; " + accounts)
    # One process: without Redis, processes would not share the content version (see README).
    process, base_url = start_gunicorn(env, workers=1)
    yield base_url
    stop(process)
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


def _at(*paths):
    """A wait_for_url predicate: the page is at one of these paths, whatever its query string."""
    return lambda url: urlsplit(url).path in paths


def log_in(page, role):
    page.goto("/admin/login/")
    submit_password(page, role)
    if urlsplit(page.url).path == "/admin/two-factor/setup/":
        pair_authenticator(page)
    page.wait_for_url(_at("/admin/"))


def submit_password(page, role):
    page.fill("#id_username", role)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    # Coordinators pair an authenticator app first. Waited for by path: the pairing page's own
    # address ends in ?next=/admin/.
    page.wait_for_url(_at("/admin/", "/admin/two-factor/setup/"))


def pair_authenticator(page):
    secret = page.locator("[data-two-factor-secret]").inner_text()
    page.fill("#id_token", code_for(secret))
    page.click("button[type=submit]")
