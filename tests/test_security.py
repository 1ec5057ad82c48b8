"""Security settings proven by requests: headers, deploy checks, passwords, logins, sessions."""

import time

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import UserFactory
from tests.test_project import REAL_LOOKING_KEY, _import_production_settings

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _policy(response):
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )


def test_public_pages_carry_every_security_header(client, home_page):
    response = client.get("/")
    policy = _policy(response)
    assert (
        "'unsafe-inline'" not in policy["script-src"]
        and "'unsafe-eval'" not in policy["script-src"]
    )
    assert "'nonce-" in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_each_response_gets_a_fresh_nonce(client, home_page):
    first, second = client.get("/"), client.get("/")
    assert _policy(first)["script-src"] != _policy(second)["script-src"]


def test_the_relaxed_policy_is_kept_to_the_admin(client, home_page):
    assert "'unsafe-inline'" in _policy(client.get("/admin/login/"))["script-src"]
    assert "'unsafe-inline'" not in _policy(client.get("/"))["script-src"]
    client.force_login(UserFactory(is_superuser=True))  # staff get the strict policy too
    assert "'unsafe-inline'" not in _policy(client.get("/"))["script-src"]


def test_production_settings_pass_the_deploy_checklist():
    result = _import_production_settings(
        "import django, os; django.setup(); "
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=REAL_LOOKING_KEY,
        DJANGO_ALLOWED_HOSTS="www.example.org",
    )
    assert result.returncode == 0, result.stderr


def test_production_cookies_are_secure_httponly_and_samesite():
    code = (
        "import portal.settings.production as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS >= 31536000)"
    )
    result = _import_production_settings(code, DJANGO_SECRET_KEY=REAL_LOOKING_KEY)
    assert result.stdout.split() == ["True", "True", "True", "Lax", "True"]


def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError):
        validate_password("Tr0ub4dor&3")  # 11 characters
    validate_password("a much longer passphrase")


def _attempt(password, address="198.51.100.7"):
    client = Client(REMOTE_ADDR=address)
    client.post("/admin/login/", {"username": "chioma", "password": password})
    return "_auth_user_id" in client.session


def test_repeated_failures_lock_that_name_from_that_address_only():
    user = UserFactory(username="chioma", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    for _ in range(5):
        assert not _attempt("wrong guess")
    assert not _attempt(PASSWORD)  # locked out from the attacker's address
    assert _attempt(PASSWORD, address="203.0.113.9")  # the real user elsewhere is not


def test_behind_a_proxy_a_lockout_keeps_to_the_attackers_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory(username="chioma", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()

    def attempt_through_proxy(password, visitor):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
        client.post("/admin/login/", {"username": "chioma", "password": password})
        return "_auth_user_id" in client.session

    for _ in range(5):
        assert not attempt_through_proxy("wrong guess", "198.51.100.7")
    assert not attempt_through_proxy(PASSWORD, "198.51.100.7")
    assert attempt_through_proxy(PASSWORD, "203.0.113.9")


def test_lockout_ends_by_itself(settings):
    settings.LOGIN_LOCKOUT_SECONDS = 1
    user = UserFactory(username="chioma", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    for _ in range(5):
        _attempt("wrong guess")
    time.sleep(1.5)
    assert _attempt(PASSWORD)


@pytest.mark.parametrize(
    ("started", "last_seen", "signed_in"),
    [(60, 60, True), (60 * 60, 31 * 60, False), (9 * 60 * 60, 60, False)],
)
def test_staff_sessions_end_when_idle_or_too_old(client, started, last_seen, signed_in):
    client.force_login(UserFactory(is_superuser=True))
    session = client.session
    session["started_at"] = time.time() - started
    session["last_seen_at"] = time.time() - last_seen
    session.save()
    response = client.get("/admin/")
    assert (response.status_code == 200) is signed_in
    if not signed_in:
        assert response["Location"].startswith("/admin/login/")


def test_no_account_exists_until_someone_creates_one():
    assert not get_user_model().objects.exists()
