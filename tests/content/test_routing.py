"""Pages found by their address, private pages kept private, sites and moves followed at once."""

import json

import pytest
from wagtail_factories import ImageFactory

from django.urls import clear_script_prefix, set_script_prefix

from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Site

from content.models import ArticlePage, HomeFeaturedArticle
from tests.factories import ArticlePageFactory, HomePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


@pytest.fixture
def private_article(articles_index):
    topic = TopicFactory()
    public_article = ArticlePageFactory(parent=articles_index, title="Open guide", summary="Visa")
    private = ArticlePageFactory(parent=articles_index, title="Staff only", summary="Visa")
    for article in (public_article, private):
        article.topics.set([topic])
        article.save_revision().publish()
    _restrict(private)
    return private, public_article


def test_a_password_protected_article_asks_for_the_password(client, private_article):
    private, _ = private_article
    response = client.get(private.url)
    assert b"password" in response.content.lower()
    assert b"Staff only</h1>" not in response.content


def test_a_restriction_on_a_section_protects_every_article_in_it(client, articles_index):
    article = ArticlePageFactory(parent=articles_index, title="Inside the section")
    _restrict(articles_index)
    assert b"Inside the section</h1>" not in client.get(article.url).content


def test_private_articles_are_not_listed_related_or_found(client, articles_index, private_article):
    private, public_article = private_article
    for url in (articles_index.url, public_article.url, "/search/?q=visa"):
        content = client.get(url).content.decode()
        assert "Staff only" not in content, url
    assert "Open guide" in client.get(articles_index.url).content.decode()


def test_private_articles_are_not_featured_on_the_home_page(client, home_page, private_article):
    private, public_article = private_article
    for article in (private, public_article):
        HomeFeaturedArticle.objects.create(page=home_page, article=article)
    content = client.get(home_page.url).content.decode()
    assert "Open guide" in content and "Staff only" not in content


def _stored(instance):
    """Each field's value as stored; a StreamField's parsed, as PostgreSQL orders JSON keys."""
    return {
        field.attname: (json.loads if isinstance(field, StreamField) else str)(
            field.value_to_string(instance)
        )
        for field in instance._meta.fields
    }


def test_an_article_is_served_with_what_the_database_holds_and_its_hero_image(
    client, articles_index
):
    article = ArticlePageFactory(
        parent=articles_index, hero_image=ImageFactory(), hero_image_alt="A quiet ward"
    )
    served = client.get(article.url).context_data["page"]
    assert type(served) is ArticlePage
    assert _stored(served) == _stored(ArticlePage.objects.get(pk=article.pk))
    assert ArticlePage.hero_image.field.is_cached(served)
    assert _stored(served.hero_image) == _stored(article.hero_image)


def test_a_new_site_root_is_followed_on_the_next_request(client, home_page):
    assert client.get("/").context_data["page"].pk == home_page.pk
    new_home = HomePageFactory(parent=home_page.get_parent(), title="New home", slug="new-home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = new_home
    site.save()
    assert client.get("/").context_data["page"].pk == new_home.pk


def test_a_restriction_on_the_home_page_protects_it_on_the_next_request(client, home_page):
    assert b"password" not in client.get("/").content.lower()
    _restrict(home_page)
    assert b"password" in client.get("/").content.lower()


def test_a_topic_page_is_found_beside_an_article_with_the_same_first_slug(client, articles_index):
    TopicFactory(slug="car-t", name="CAR T-cell therapy")
    article = ArticlePageFactory(parent=articles_index, title="All about topics", slug="topics")
    assert b"All about topics</h1>" in client.get(article.url).content
    response = client.get(f"{articles_index.url}topics/car-t/")
    assert response.status_code == 200
    assert b"CAR T-cell therapy</h1>" in response.content


def test_unknown_addresses_are_not_found(client, articles_index):
    assert client.get("/articles/no-such-article/").status_code == 404
    assert client.get("/no/such/place/").status_code == 404
    assert client.get("/articles/topics/no-such-topic/").status_code == 404
    assert client.get("/articles/" + "deeper/" * 100).status_code == 404


@pytest.mark.parametrize("script_prefix", ["/", "/portal/"])
def test_page_addresses_are_the_ones_wagtail_works_out(articles_index, script_prefix):
    article = ArticlePageFactory(parent=articles_index, slug="über-das-visum")
    home = articles_index.get_parent().specific
    set_script_prefix(script_prefix)
    try:
        for page in (home, articles_index, article):
            assert page.get_url_parts() == Page.get_url_parts(page)
        assert article.url == f"{script_prefix}{articles_index.slug}/%C3%BCber-das-visum/"
    finally:
        clear_script_prefix()


def test_a_page_in_two_sites_links_to_the_one_being_visited(rf, articles_index):
    article = ArticlePageFactory(parent=articles_index)
    home = articles_index.get_parent()
    Site.objects.create(hostname="second.example", port=80, root_page=home)
    request = rf.get("/", HTTP_HOST="second.example")
    assert article.get_url_parts(request) == Page.get_url_parts(article, request)
    assert article.get_full_url(request).startswith("http://second.example/")
