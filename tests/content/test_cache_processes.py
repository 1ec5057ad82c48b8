"""Two server processes sharing Redis never serve a page that changed in the other."""

import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest
import redis

from tests.servers import fresh_database_url, manage, site_environment, start_gunicorn, stop

REDIS_URL = "redis://127.0.0.1:6379/15"
ARTICLE = "/articles/what-if-car-t-cell-therapy-fails/"


def _redis_is_up():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not _redis_is_up(), reason="needs Redis at 127.0.0.1:6379")


@pytest.fixture(scope="module")
def two_servers():
    redis.Redis.from_url(REDIS_URL).flushdb()
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-cache-"))
    env = site_environment(tmp_dir, fresh_database_url(tmp_dir, "cache"), REDIS_URL=REDIS_URL)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content")
    servers = [start_gunicorn(env, workers=1) for _ in range(2)]
    yield env, [url for _, url in servers]
    for process, _ in servers:
        stop(process)
    shutil.rmtree(tmp_dir, ignore_errors=True)


def _fetch(url, cookie=None):
    # Behind a load balancer both processes see the site's own host name.
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), ""


def _edit_article(env, code):
    manage(
        env,
        "shell",
        "-c",
        "from content.models import ArticlePage; "
        "page = ArticlePage.objects.get(slug='what-if-car-t-cell-therapy-fails'); " + code,
    )


def test_cache_is_shared_and_emptied_for_both_processes(two_servers):
    env, (first, second) = two_servers
    assert _fetch(first + ARTICLE)[1] == "miss"
    assert _fetch(second + ARTICLE)[1] == "hit"  # stored by the other process

    new_title = "CAR T did not work: what next"
    _edit_article(env, f"page.title = {new_title!r}; page.save_revision().publish()")
    for server in (first, second):
        status, _, body = _fetch(server + ARTICLE)
        assert status == 200 and new_title in body

    _edit_article(env, "page.unpublish()")
    assert _fetch(first + ARTICLE)[0] == 404
    assert _fetch(second + ARTICLE)[0] == 404


def test_each_process_shows_a_changed_setting_at_once(two_servers):
    """Each process keeps page fragments in its own memory, under the shared content version."""
    env, servers = two_servers
    session = "sessionid=anyone"  # a session cookie skips the page cache: each process renders
    for server in servers:
        assert _fetch(server + "/", session)[0] == 200

    manage(
        env,
        "shell",
        "-c",
        "from content.models import SiteSettings; settings = SiteSettings.objects.get(); "
        "settings.organisation_name = 'Renamed Facilitator'; settings.save()",
    )
    for server in servers:
        for cookie in (session, None):
            status, _, body = _fetch(server + "/", cookie)
            assert status == 200
            assert "| Renamed Facilitator</title>" in body
            assert 'class="site-header__brand" href="/">Renamed Facilitator<' in body


def test_a_cached_page_costs_one_round_trip_to_redis(two_servers):
    """The content version and the page stored for an address are read together."""
    _, (first, _) = two_servers
    assert _fetch(first + "/")[0] == 200  # stored, if it was not already
    server = redis.Redis.from_url(REDIS_URL)
    server.config_resetstat()
    assert _fetch(first + "/")[1] == "hit"
    calls = {
        name: stats["calls"]
        for name, stats in server.info("commandstats").items()
        if not name.startswith("cmdstat_config")  # the reset above
    }
    assert calls == {"cmdstat_mget": 1}
