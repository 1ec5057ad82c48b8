"""The anonymous page cache: fast for readers, never stale, never private."""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail.models import PageViewRestriction

from content.cache import VERSION_KEY, content_version
from content.models import ArticleAuthor, ArticlePage, SiteSettings
from tests.enquiries.helpers import consultation_data
from tests.factories import ArticlePageFactory, FAQEntryFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(articles_index):
    SiteSettings.load()  # created on first use; a running site has it already
    faq = FAQEntryFactory(question="Can I fly home?", answer="<p>Usually after four weeks.</p>")
    article = ArticlePageFactory(
        parent=articles_index,
        title="Going home",
        body=[{"type": "faq", "value": {"heading": "FAQ", "questions": [faq.pk]}}],
    )
    article.save_revision().publish()
    return article


def _get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code in (200, 301, 404)
    return response


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, article):
    assert _get(client, article.url)["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, article.url)
    assert response["X-Cache"] == "hit"
    assert len(queries) == 0
    assert b"Going home" in response.content
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=600"
    assert response["X-Frame-Options"] == "DENY"


def test_rendering_a_page_reads_the_content_version_from_the_shared_cache_once(client, article):
    """Routing, view restrictions, related reading and fragments agree on the version the
    request began with: with Redis, each read is a round trip."""
    content_version()
    shared = caches["default"]
    reads = []

    def get(key, *args, **kwargs):
        reads.append(key)
        return type(shared).get(shared, key, *args, **kwargs)

    with mock.patch.object(shared, "get", get):
        assert _get(client, article.url)["X-Cache"] == "miss"
    assert reads.count(VERSION_KEY) == 1


def test_signed_in_users_are_never_served_or_stored(client, article):
    client.force_login(UserFactory(is_superuser=True))
    first = _get(client, article.url)
    assert "X-Cache" not in first
    assert b"wagtail-userbar" in first.content  # an editor's page carries their tools
    client.logout()
    assert b"wagtail-userbar" not in _get(client, article.url).content


def test_form_pages_with_a_csrf_token_are_never_cached(client, consultation_page):
    for _ in range(2):
        response = _get(client, consultation_page.url)
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]


def test_search_admin_and_health_check_are_never_cached(client, article):
    for url in ["/search/?q=home", "/admin/login/", "/healthz/"]:
        assert "X-Cache" not in _get(client, url)
        assert "X-Cache" not in _get(client, url)


def test_publishing_a_change_shows_on_the_next_request(client, article):
    _get(client, article.url)
    article.title = "Going home safely"
    article.save_revision().publish()
    assert b"Going home safely" in _get(client, article.url).content


def test_a_page_published_while_it_renders_is_not_served_stale_afterwards(client, article):
    def publish_meanwhile(page, request, serve_args, serve_kwargs):
        # As an editor in another process would, after this request read the page.
        fresh = ArticlePage.objects.get(pk=page.pk)
        fresh.title = "Going home safely"
        fresh.save_revision().publish()

    with hooks.register_temporarily("before_serve_page", publish_meanwhile):
        assert b"Going home safely" not in _get(client, article.url).content
    response = _get(client, article.url)
    assert response["X-Cache"] == "miss"
    assert b"Going home safely" in response.content


def test_making_a_page_private_stops_serving_and_listing_it_at_once(
    client, article, articles_index
):
    assert _get(client, article.url)["X-Cache"] == "miss"
    assert b"Going home" in _get(client, articles_index.url).content
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(article.url)["Location"].startswith("/_util/login/")
    assert b"Going home" not in _get(client, articles_index.url).content


def test_a_change_empties_the_cache_again_once_committed(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Going home safely"
        article.save_revision().publish()
        # Another process, not seeing the uncommitted change yet, renders and stores the page.
        stale = article.url
        ArticlePage.objects.filter(pk=article.pk).update(title="Going home")
        assert b"Going home</h1>" in _get(client, stale).content
        ArticlePage.objects.filter(pk=article.pk).update(title="Going home safely")
    assert b"Going home safely</h1>" in _get(client, article.url).content


def test_unpublishing_removes_the_page_at_once(client, article):
    _get(client, article.url)
    article.unpublish()
    assert _get(client, article.url).status_code == 404


def test_moving_a_page_moves_it_at_once(client, article, home_page):
    old_url = article.url
    _get(client, old_url)
    article.move(home_page, pos="last-child")
    moved = _get(client, old_url)
    assert (moved.status_code, moved["Location"]) == (301, "/going-home/")
    assert b"Going home" in _get(client, "/going-home/").content


def test_renaming_the_request_page_moves_every_call_to_action_at_once(
    client, articles_index, consultation_page
):
    article = ArticlePageFactory(
        parent=articles_index,
        body=[
            {
                "type": "call_to_action",
                "value": {"heading": "Ask us", "page": consultation_page.pk, "button_label": "Ask"},
            }
        ],
    )
    article.save_revision().publish()
    _get(client, article.url)
    consultation_page.slug = "ask-a-coordinator"
    consultation_page.save_revision().publish()
    button = BeautifulSoup(_get(client, article.url).content, "html.parser").select_one(".cta a")
    assert button["href"] == f"/ask-a-coordinator/?source={article.pk}"


def test_editing_a_shared_faq_entry_shows_on_the_article(client, article):
    _get(client, article.url)
    faq = article.faq_entries[0]
    faq.answer = "<p>Usually after six weeks.</p>"
    faq.save()
    assert b"six weeks" in _get(client, article.url).content


def test_renaming_a_person_shows_on_the_articles_they_wrote_and_reviewed(client, article):
    person = PersonFactory(name="Dr Ada Obi")
    article.authors = [ArticleAuthor(person=person)]
    article.reviewer, article.last_reviewed = person, datetime.date(2026, 11, 2)
    article.save_revision().publish()
    _get(client, article.url)
    person.name = "Prof Ada Obi"
    person.save()
    soup = BeautifulSoup(_get(client, article.url).content, "html.parser")
    assert "Written by Prof Ada Obi" in soup.select_one(".article__header .meta").get_text()
    assert "Medically reviewed by Prof Ada Obi" in soup.select_one(".article__header").get_text()


def test_changing_a_setting_shows_on_every_page(client, article):
    _get(client, article.url)
    site_settings = SiteSettings.load()
    site_settings.phone = "+44 20 0000 1234"
    site_settings.save()
    assert b"+44 20 0000 1234" in _get(client, article.url).content


def test_a_submitted_form_leaves_the_cache_untouched(client, consultation_page, article):
    _get(client, article.url)
    client.post(consultation_page.url, consultation_data())
    # The patient now has a session cookie: they are served fresh pages, not stored ones.
    response = _get(client, article.url)
    assert "X-Cache" not in response
    assert ArticlePage.objects.get(pk=article.pk).live
