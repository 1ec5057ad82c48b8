"""Submissions against real server processes sharing PostgreSQL: concurrency and failing parts."""

import http.cookiejar
import os
import re
import shutil
import tempfile
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import pytest
import redis

from tests.enquiries.helpers import consultation_data
from tests.servers import fresh_database_url, manage, site_environment, start_gunicorn, stop

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="concurrency is tested on PostgreSQL, as in CI",
)
FORM = "/request-a-consultation/"
EMPTY_ENQUIRIES = "TRUNCATE enquiries_enquiry CASCADE"


class Patient:
    """A browser of sorts: keeps cookies, reads the form's hidden fields, posts it back."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )

    def open_form(self):
        with self.opener.open(self.base_url + FORM, timeout=30) as response:
            html = response.read().decode()
        hidden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', html))
        return {k: hidden[k] for k in ("csrfmiddlewaretoken", "submission_token", "form_started")}

    def submit(self, hidden, **overrides):
        data = consultation_data(**overrides)
        data.update(hidden)
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base_url + FORM, data=body, headers={"Referer": self.base_url + FORM}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _query(database_url, sql):
    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall() if cursor.description else []
    connection.close()
    return rows


@pytest.fixture(scope="module")
def site():
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-load-"))
    database_url = fresh_database_url(tmp_dir, "load")
    env = site_environment(
        tmp_dir,
        database_url,
        DJANGO_DEBUG="false",
        ENQUIRY_MIN_FILL_SECONDS="0",
        ENQUIRY_RATE_LIMIT_PER_HOUR="100000",
    )
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--no-input", "-v0")
    yield env, database_url
    shutil.rmtree(tmp_dir, ignore_errors=True)


@pytest.fixture
def two_servers(site):
    env, database_url = site
    _query(database_url, EMPTY_ENQUIRIES)
    servers = [start_gunicorn(env, workers=2) for _ in range(2)]
    yield [url for _, url in servers], database_url
    for process, _ in servers:
        stop(process)


def test_200_simultaneous_submissions_make_200_enquiries(two_servers):
    (first, second), database_url = two_servers
    patients = [Patient(first if n % 2 else second) for n in range(200)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        forms = list(pool.map(Patient.open_form, patients))
        results = list(
            pool.map(lambda pair: pair[0].submit(pair[1]), zip(patients, forms, strict=True))
        )
    assert [status for status, _ in results] == [302] * 200
    ((count, references),) = _query(
        database_url, "SELECT count(*), count(DISTINCT reference) FROM enquiries_enquiry"
    )
    assert count == references == 200


def test_50_simultaneous_posts_of_one_form_make_one_enquiry(two_servers):
    (first, second), database_url = two_servers
    patient = Patient(first)
    hidden = patient.open_form()
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda _: patient.submit(hidden), range(50)))
    assert {status for status, _ in results} == {302}
    assert _query(database_url, "SELECT count(*) FROM enquiries_enquiry") == [(1,)]


def test_database_out_of_reach_gives_a_clear_503_and_stores_nothing(site):
    env, database_url = site
    _query(database_url, EMPTY_ENQUIRIES)
    process, base_url = start_gunicorn(env, workers=1)
    name = urllib.parse.urlparse(database_url).path.lstrip("/")
    patient = Patient(base_url)
    hidden = patient.open_form()
    try:
        _query(
            database_url.rsplit("/", 1)[0] + "/postgres",
            f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false',
        )
        _query(
            database_url.rsplit("/", 1)[0] + "/postgres",
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
        )
        status, body = patient.submit(hidden)
    finally:
        _query(
            database_url.rsplit("/", 1)[0] + "/postgres",
            f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true',
        )
        stop(process)
    assert status == 503
    assert "Nothing you sent has been saved" in body and "Request received" not in body
    assert _query(database_url, "SELECT count(*) FROM enquiries_enquiry") == [(0,)]


def test_rate_limit_holds_across_processes_sharing_redis(site):
    env, _ = site
    redis_url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).flushdb()
    except redis.RedisError:
        pytest.skip("needs Redis at 127.0.0.1:6379")
    limited = {**env, "REDIS_URL": redis_url, "ENQUIRY_RATE_LIMIT_PER_HOUR": "5"}
    servers = [start_gunicorn(limited, workers=1) for _ in range(2)]
    try:
        statuses = []
        for n in range(6):
            patient = Patient(servers[n % 2][1])
            statuses.append(patient.submit(patient.open_form())[0])
    finally:
        for process, _ in servers:
            stop(process)
    assert statuses == [302] * 5 + [429]
