"""The demo site a new user sees after `make run`."""

import io
import re

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.utils.html import strip_tags

from wagtail.models import Page

from content.models import ArticlePage, FAQEntry, FAQPage, HomePage, Person, Topic
from enquiries.models import Enquiry
from tests.enquiries.helpers import consultation_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("load_demo_content", stdout=io.StringIO())


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "topics": Topic.objects.count(),
        "people": Person.objects.count(),
        "faqs": FAQEntry.objects.count(),
    }


def test_loading_the_demo_twice_leaves_the_same_content(demo_site):
    first = _snapshot()
    call_command("load_demo_content", stdout=io.StringIO())
    assert _snapshot() == first


def test_demo_replaces_wagtails_placeholder_home_page(demo_site, client):
    home = HomePage.objects.get()
    assert home.get_url() == "/"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Specialist treatment abroad, explained and arranged"),
        ("/articles/", "Articles"),
        (
            "/articles/what-if-car-t-cell-therapy-fails/",
            "What happens if CAR T-cell therapy does not work?",
        ),
        ("/articles/topics/car-t-cell-therapy/", "CAR T-cell therapy"),
        ("/frequently-asked-questions/", "Frequently asked questions"),
        ("/request-a-consultation/", "Request a consultation"),
        ("/travel-assistance/", "Travel assistance"),
        ("/privacy-notice/", "Privacy notice"),
        ("/search/?q=visa", "Search"),
    ],
)
def test_every_demo_page_renders_with_one_h1(demo_site, client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = soup.find_all("h1")
    assert [h.get_text(strip=True) for h in headings] == [heading]


def test_no_link_on_the_demo_site_is_dead(demo_site, client):
    seen, queue = set(), ["/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        if "text/html" not in response["Content-Type"]:
            continue
        for link in BeautifulSoup(response.content, "html.parser").find_all("a", href=True):
            href = link["href"].split("#")[0]
            if href.startswith("/") and not href.startswith(("/admin", "/media")):
                queue.append(href)
    assert len(seen) > 10


def test_car_t_article_is_long_enough_with_at_least_six_faqs(demo_site):
    article = ArticlePage.objects.get(slug="what-if-car-t-cell-therapy-fails")
    prose = " ".join(
        strip_tags(block.render())
        for block in article.body
        if block.block_type in ("paragraph", "heading", "callout")
    )
    assert len(re.findall(r"\w+", prose)) >= 600
    assert len(article.faq_entries) >= 6
    assert article.reviewer and article.last_reviewed and article.references.count() >= 3


def test_faq_entries_are_shared_between_an_article_and_the_faq_page(demo_site):
    article = ArticlePage.objects.get(slug="what-if-car-t-cell-therapy-fails")
    faq_page = FAQPage.objects.get()
    shared = {e.pk for e in article.faq_entries} & {e.pk for e in faq_page.faq_entries}
    assert len(shared) >= 3


def test_demo_has_three_articles_over_two_topics_with_images(demo_site):
    articles = ArticlePage.objects.live()
    assert articles.count() >= 3
    assert Topic.objects.filter(articles__in=articles).distinct().count() >= 2
    assert all(article.hero_image and article.hero_image_alt for article in articles)
    # As an upload in the admin: rendition cache keys name the file's hash.
    assert all(len(article.hero_image.file_hash) == 40 for article in articles)


def test_article_call_to_action_carries_the_article_into_the_enquiry(
    demo_site, client, django_capture_on_commit_callbacks
):
    article = ArticlePage.objects.get(slug="what-if-car-t-cell-therapy-fails")
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    cta = soup.select_one(".article__body .cta a.button")["href"]
    form = client.get(cta).context_data["form"]
    data = consultation_data(source_page=form["source_page"].value())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cta.split("?")[0], data).status_code == 302
    assert Enquiry.objects.get().source_page.specific == article
