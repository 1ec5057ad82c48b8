"""How patients and search engines find articles: search, sitemap, feed, robots.txt."""

import xml.etree.ElementTree as ET

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import querydict_from_html, rich_text

from tests.factories import ArticlePageFactory, FAQEntryFactory, UserFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def published_and_draft(articles_index):
    published = ArticlePageFactory(parent=articles_index, title="Life after CAR T")
    published.save_revision().publish()
    draft = ArticlePageFactory(parent=articles_index, title="Unfinished draft", live=False)
    return published, draft


def _published_article_with_faq(articles_index, answer):
    faq = FAQEntryFactory(answer=answer)
    article = ArticlePageFactory(
        parent=articles_index,
        title="Packing list",
        body=[{"type": "faq", "value": {"heading": "FAQ", "questions": [faq.pk]}}],
    )
    article.save_revision().publish()
    return faq, article


def test_search_finds_a_phrase_that_only_appears_in_a_faq_answer(articles_index, client):
    _published_article_with_faq(articles_index, "<p>Bring your haemoglobinopathy paperwork.</p>")
    response = client.get("/search/", {"q": "haemoglobinopathy"})
    assert response.status_code == 200
    assert [page.title for page in response.context_data["results"]] == ["Packing list"]


def test_search_shows_summaries_and_leaves_drafts_out(published_and_draft, client):
    published, _ = published_and_draft
    content = client.get("/search/", {"q": "draft"}).content.decode()
    assert "Unfinished draft" not in content
    content = client.get("/search/", {"q": "Life after"}).content.decode()
    assert published.summary in content


def test_empty_search_explains_what_to_type(home_page, client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context_data["results"] is None
    assert "Type a word or a question" in response.content.decode()


@pytest.mark.parametrize("summary", ["Visa help", "Nothing like it"])
def test_search_query_is_shown_escaped_in_every_message(articles_index, client, summary):
    ArticlePageFactory(parent=articles_index, summary=summary).save_revision().publish()
    content = client.get("/search/", {"q": "visa <img src=x onerror=alert(1)>"}).content.decode()
    assert "<img src=x" not in content
    # In the title, the search box and the message above the results.
    assert content.count("visa &lt;img src=x onerror=alert(1)&gt;") == 3


def test_search_with_no_results_offers_topics_and_contact(articles_index, client):
    content = client.get("/search/", {"q": "xylophone"}).content.decode()
    assert "Nothing matched" in content
    assert "Talk to us" in content


def test_search_results_paginate(articles_index, client):
    for article in ArticlePageFactory.create_batch(12, parent=articles_index, summary="Visa help"):
        article.save_revision().publish()
    first = client.get("/search/", {"q": "visa"})
    assert len(first.context_data["results"]) == 10
    assert 'href="?q=visa&amp;page=2" rel="next"' in first.content.decode()
    second = client.get("/search/", {"q": "visa", "page": 2})
    assert len(second.context_data["results"]) == 2
    content = second.content.decode()
    assert 'rel="prev"' in content and 'rel="next"' not in content
    # Past the last page, or a made-up number: the first page, never an error or "nothing".
    for number in (3, 10**30):
        beyond = client.get("/search/", {"q": "visa", "page": number})
        assert beyond.status_code == 200 and len(beyond.context_data["results"]) == 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_search_reads_the_query_once_not_once_per_page_it_ranks(articles_index, client):
    for article in ArticlePageFactory.create_batch(3, parent=articles_index, summary="Visa help"):
        article.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        results = client.get("/search/", {"q": "visas"}).context_data["results"]
    assert len(results) == 3  # stemmed as English: "visas" finds "visa"
    (search_sql,) = [query["sql"] for query in queries if "@@" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (VERBOSE) {search_sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The words became one constant when planned; no to_tsquery call is left for each row.
    assert "'''visa'''::tsquery" in plan and "to_tsquery" not in plan


def test_sitemap_lists_published_articles_only(published_and_draft, client):
    published, draft = published_and_draft
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [
        loc.text for loc in ET.fromstring(response.content).iterfind(".//sm:loc", SITEMAP_NS)
    ]
    assert any(loc.endswith(published.url) for loc in locations)
    assert not any(draft.slug in loc for loc in locations)


def test_feed_lists_published_articles_only(published_and_draft, client):
    published, draft = published_and_draft
    response = client.get("/feeds/articles/")
    assert response.status_code == 200
    titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
    assert titles == [published.title]


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_editing_a_faq_answer_in_the_admin_updates_search(articles_index, client):
    faq, _ = _published_article_with_faq(articles_index, "<p>Bring your scans.</p>")
    client.force_login(UserFactory(is_superuser=True))
    edit_url = f"/admin/snippets/content/faqentry/edit/{faq.pk}/"
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    data["answer"] = rich_text("<p>Bring your thalassaemia records.</p>")
    assert client.post(edit_url, data).status_code == 302
    client.logout()
    results = client.get("/search/", {"q": "thalassaemia"}).context_data["results"]
    assert [page.title for page in results] == ["Packing list"]
