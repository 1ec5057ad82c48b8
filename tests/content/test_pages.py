"""Article, FAQ, index and topic pages as patients and search engines see them."""

import datetime
import json
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedLink,
    FAQPage,
    HomeFeaturedArticle,
    HomePage,
    SiteSettings,
    StandardPage,
)
from tests.factories import (
    ArticlePageFactory,
    ArticleReferenceFactory,
    FAQEntryFactory,
    FAQPageFactory,
    PersonFactory,
    StandardPageFactory,
    TopicFactory,
    UserFactory,
    paragraph,
)

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=demo"


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _json_ld(soup):
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_page_types_live_only_where_they_belong(home_page, articles_index):
    assert ArticlePage.can_create_at(articles_index)
    assert not ArticlePage.can_create_at(home_page)
    assert not HomePage.can_create_at(home_page)
    assert not ArticleIndexPage.can_create_at(home_page)  # only one may exist
    assert FAQPage.can_create_at(home_page)
    assert not FAQPage.can_create_at(articles_index)
    assert StandardPage.can_create_at(home_page)
    assert ArticlePage.allowed_subpage_models() == []


def test_every_article_body_block_renders(articles_index, client):
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        max_width=None,
        type="video",
        html='<iframe title="Demo" src="https://www.youtube-nocookie.com/embed/demo"></iframe>',
    )
    image = get_image_model().objects.create(title="Scan", file=get_test_image_file())
    consultation = StandardPageFactory(parent=articles_index.get_parent(), title="Consult")
    link = f'<a linktype="page" id="{consultation.pk}">ask us</a>'
    faq = FAQEntryFactory(question="Is it painful?", answer=f"<p>Rarely: {link}.</p>")
    article = ArticlePageFactory(
        parent=articles_index,
        body=[
            {"type": "heading", "value": {"text": "Why it fails", "level": "h2", "anchor": ""}},
            paragraph(f'<p>Plain words, <a linktype="page" id="{consultation.pk}">a link</a>.</p>'),
            {
                "type": "callout",
                "value": {"kind": "urgent", "title": "Call now if", "text": f"<p>{link}</p>"},
            },
            {"type": "image", "value": {"image": image.pk, "alt_text": "A scan", "caption": "Fig"}},
            {"type": "quote", "value": {"text": "It helped me.", "attribution": "A patient"}},
            {
                "type": "table",
                "value": {
                    "data": [["Drug", "Target"], ["Cilta-cel", "BCMA"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Products",
                },
            },
            {"type": "video", "value": {"video": VIDEO_URL, "title": "How it works"}},
            {"type": "faq", "value": {"heading": "Questions", "questions": [faq.pk]}},
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Ask us",
                    "text": "",
                    "page": consultation.pk,
                    "button_label": "Request a consultation",
                },
            },
        ],
    )
    soup = _soup(client.get(article.url))
    body = soup.select_one(".article__body")
    assert body.find("h2", id="why-it-fails").get_text() == "Why it fails"
    assert body.find("p").find("a", string="a link")["href"] == consultation.url
    assert body.select_one(".callout--urgent a")["href"] == consultation.url
    assert body.find("img", alt="A scan") is not None
    assert body.find("blockquote").get_text(strip=True) == "It helped me."
    assert [th.get_text(strip=True) for th in body.find_all("th")] == ["Drug", "Target"]
    assert body.find("iframe") is not None
    assert body.find("summary").get_text() == "Is it painful?"
    assert body.select_one(".faq__answer a")["href"] == consultation.url
    cta = body.find("a", string="Request a consultation")
    assert cta["href"] == f"{consultation.url}?source={article.pk}"


def test_article_shows_review_authors_reading_time_contents_and_sources(articles_index, client):
    reviewer = PersonFactory(name="Dr Ada Lane", credentials="MD, PhD")
    article = ArticlePageFactory(
        parent=articles_index,
        reviewer=reviewer,
        body=[
            {"type": "heading", "value": {"text": "First part", "level": "h2", "anchor": ""}},
            paragraph("<p>" + "word " * 450 + "</p>"),
            {"type": "heading", "value": {"text": "Second", "level": "h2", "anchor": "two"}},
        ],
    )
    ArticleReferenceFactory(page=article, title="A landmark trial")
    soup = _soup(client.get(article.url))
    review = soup.select_one(".review-status").get_text(" ", strip=True)
    assert "Medically reviewed by Dr Ada Lane , MD, PhD, on" in review
    assert "Next review due" in review
    assert "3 minute read" in soup.get_text()
    assert [a["href"] for a in soup.select(".toc a")] == ["#first-part", "#two"]
    assert soup.select_one(".references a")["href"] == "https://doi.org/10.1056/NEJMoa2024850"
    assert soup.find("meta", attrs={"name": "description"})["content"] == article.summary
    assert soup.find("link", rel="canonical")["href"].endswith(article.url)
    assert soup.find("meta", property="og:type")["content"] == "article"


def test_sources_are_listed_in_the_editors_order_with_their_details(articles_index, client):
    article = ArticlePageFactory(parent=articles_index)
    ArticleReferenceFactory(page=article, title="Added outside the admin", sort_order=None)
    ArticleReferenceFactory(page=article, title="Second", sort_order=1, year=None, doi="")
    ArticleReferenceFactory(
        page=article, title="First", sort_order=0, url="https://example.org/trial", year=2017
    )
    ArticleReferenceFactory(page=ArticlePageFactory(parent=articles_index), title="Elsewhere")
    sources = _soup(client.get(article.url)).select(".references li")
    assert [source.get_text(" ", strip=True) for source in sources] == [
        "First . New England Journal of Medicine, 2017.",
        "Second. New England Journal of Medicine.",
        "Added outside the admin . New England Journal of Medicine, 2021.",
    ]
    assert [source.a["href"] if source.a else None for source in sources] == [
        "https://example.org/trial",
        None,
        "https://doi.org/10.1056/NEJMoa2024850",
    ]


def test_article_json_ld_describes_a_reviewed_medical_page(articles_index, client):
    faq = FAQEntryFactory(answer="<p>Most people feel <b>tired</b> for a week.</p>")
    article = ArticlePageFactory(
        parent=articles_index,
        body=[{"type": "faq", "value": {"heading": "FAQ", "questions": [faq.pk]}}],
    )
    article.save_revision().publish()
    data = {item["@type"]: item for item in _json_ld(_soup(client.get(article.url)))}
    assert set(data) == {"MedicalWebPage", "FAQPage", "BreadcrumbList"}
    page = data["MedicalWebPage"]
    assert page["reviewedBy"]["name"] == article.reviewer.name
    assert page["lastReviewed"] == article.last_reviewed.isoformat()
    assert page["inLanguage"] == "en"
    assert {"datePublished", "dateModified", "author", "headline"} <= set(page)
    (question,) = data["FAQPage"]["mainEntity"]
    assert question["name"] == faq.question
    assert question["acceptedAnswer"]["text"] == "Most people feel tired for a week."
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Articles", article.title]


def test_the_canonical_address_leaves_out_the_query_string(articles_index, client):
    article = ArticlePageFactory(parent=articles_index)
    soup = _soup(client.get(article.url, {"utm_source": "newsletter"}))
    canonical = f"http://testserver{article.url}"
    assert soup.find("link", rel="canonical")["href"] == canonical
    assert soup.find("meta", property="og:url")["content"] == canonical


def _description(client, url):
    return _soup(client.get(url)).find("meta", attrs={"name": "description"})["content"]


def test_every_page_type_describes_itself_to_search_engines(
    home_page, articles_index, consultation_page, client
):
    article = ArticlePageFactory(parent=articles_index, search_description="Written for search.")
    consultation_page.introduction = "<p>Tell us about <b>your</b> situation.</p>"
    consultation_page.save_revision().publish()
    assert _description(client, home_page.url) == home_page.introduction
    assert _description(client, article.url) == "Written for search."
    # Rich text shows as plain text, not as markup.
    assert _description(client, consultation_page.url) == "Tell us about your situation."


def test_json_ld_cannot_be_broken_out_of_by_page_text(articles_index, client):
    article = ArticlePageFactory(parent=articles_index, title="</script><script>alert(1)")
    response = client.get(article.url)
    assert b"</script><script>alert(1)" not in response.content


def test_faq_page_groups_questions_in_details_elements(home_page, client):
    entries = FAQEntryFactory.create_batch(2)
    faq_page = FAQPageFactory(
        parent=home_page,
        body=[
            {"type": "section", "value": {"heading": "Costs", "questions": [e.pk for e in entries]}}
        ],
    )
    soup = _soup(client.get(faq_page.url))
    assert soup.find("h2", string="Costs") is not None
    assert [s.get_text() for s in soup.select("details summary")] == [e.question for e in entries]
    types = [item["@type"] for item in _json_ld(soup)]
    assert "FAQPage" in types


def test_faq_entries_show_as_chosen_and_a_deleted_one_leaves_no_gap(home_page, client):
    first, second, deleted = FAQEntryFactory.create_batch(3)
    chosen = [second.pk, first.pk, deleted.pk, second.pk]
    faq_page = FAQPageFactory(
        parent=home_page,
        body=[{"type": "section", "value": {"heading": "Travel", "questions": chosen}}],
    )
    deleted.delete()
    soup = _soup(client.get(faq_page.url))
    assert [s.get_text() for s in soup.select("details summary")] == [
        second.question,
        first.question,
        second.question,
    ]


def _article_with_many(articles_index, request_page, count, chosen_related=True):
    """An article with everything an article shows: hero image, authors, reviewer, FAQ, call to
    action, references, topics and related articles, `count` of each kind that can vary."""
    topics = TopicFactory.create_batch(count)
    faqs = FAQEntryFactory.create_batch(count)
    related = ArticlePageFactory.create_batch(count, parent=articles_index)
    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    article = ArticlePageFactory(
        parent=articles_index,
        hero_image=image,
        hero_image_alt="Calm",
        reviewer=PersonFactory(),
        body=[
            paragraph(),
            {"type": "faq", "value": {"heading": "FAQ", "questions": [f.pk for f in faqs]}},
            {
                "type": "call_to_action",
                "value": {"heading": "Ask us", "page": request_page.pk, "button_label": "Ask"},
            },
        ],
    )
    article.topics.set(topics)
    for person in PersonFactory.create_batch(count):
        ArticleAuthor.objects.create(page=article, person=person)
    ArticleReferenceFactory.create_batch(count, page=article)
    for other in related:
        other.topics.set(topics)
        other.save_revision().publish()
        if chosen_related:
            ArticleRelatedLink.objects.create(page=article, article=other)
    article.save_revision().publish()
    return article


def _without_page_cache():
    """Settings under which every anonymous request renders its page afresh."""
    uncached = [name for name in settings.MIDDLEWARE if not name.endswith("PageCacheMiddleware")]
    return override_settings(MIDDLEWARE=uncached)


def _queries_for(url):
    """The SQL run for an anonymous visitor whose page is not in the page cache yet."""
    with _without_page_cache():
        client = Client()
        client.get(url)  # warm per-process caches, as a running server would be
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def _queries_to_render(url):
    return len(_queries_for(url))


@pytest.mark.parametrize("chosen_related", [True, False])
def test_article_query_count_does_not_grow_with_its_content(
    articles_index, consultation_page, chosen_related
):
    small = _article_with_many(articles_index, consultation_page, 1, chosen_related)
    large = _article_with_many(articles_index, consultation_page, 30, chosen_related)
    assert _queries_to_render(small.url) == _queries_to_render(large.url)


def test_related_articles_are_the_chosen_ones_in_their_order(articles_index, client):
    topic = TopicFactory()
    article = ArticlePageFactory(parent=articles_index)
    first, second, unordered = (
        ArticlePageFactory(parent=articles_index, title=title)
        for title in ("Chosen first", "Chosen second", "Chosen in code")
    )
    neighbour = ArticlePageFactory(parent=articles_index, title="Same topic")
    article.topics.set([topic])
    neighbour.topics.set([topic])
    for page in (article, neighbour):
        page.save_revision().publish()
    ArticleRelatedLink.objects.create(page=article, article=second, sort_order=1)
    ArticleRelatedLink.objects.create(page=article, article=first, sort_order=0)
    ArticleRelatedLink.objects.create(page=article, article=unordered)
    titles = [a.get_text() for a in _soup(client.get(article.url)).select(".related h3 a")]
    assert titles[:2] == ["Chosen first", "Chosen second"]
    assert sorted(titles) == ["Chosen first", "Chosen in code", "Chosen second"]


def test_related_articles_fall_back_to_the_same_topic(articles_index, client):
    topic = TopicFactory()
    article = ArticlePageFactory(parent=articles_index)
    neighbour = ArticlePageFactory(parent=articles_index, title="Same topic")
    stranger = ArticlePageFactory(parent=articles_index, title="Other topic")
    article.topics.set([topic])
    neighbour.topics.set([topic])
    article.save_revision().publish()
    neighbour.save_revision().publish()
    titles = [a.get_text() for a in _soup(client.get(article.url)).select(".related h3 a")]
    assert titles == ["Same topic"]
    assert stranger.title not in titles


def test_related_reading_follows_publishing_in_the_same_topic(articles_index):
    topic = TopicFactory()
    article, older = (
        ArticlePageFactory(parent=articles_index, title=title) for title in ("Read", "Older")
    )
    for page in (article, older):
        page.topics.set([topic])
        page.save_revision().publish()
    reader = Client()

    def related_titles():
        return [a.get_text() for a in _soup(reader.get(article.url)).select(".related h3 a")]

    assert related_titles() == ["Older"]
    newer = ArticlePageFactory(parent=articles_index, title="Newer")
    newer.topics.set([topic])
    newer.save_revision().publish()
    assert related_titles() == ["Newer", "Older"]
    older.unpublish()
    assert related_titles() == ["Newer"]


def test_article_index_filters_by_topic_and_paginates(articles_index, client):
    topic = TopicFactory(slug="myeloma")
    tagged = ArticlePageFactory.create_batch(12, parent=articles_index)
    for article in tagged:
        article.topics.set([topic])
        article.save_revision().publish()
    ArticlePageFactory(parent=articles_index, title="Untagged")

    soup = _soup(client.get(articles_index.url, {"topic": "myeloma"}))
    assert len(soup.select(".card")) == 10
    assert "Untagged" not in soup.get_text()
    assert soup.select_one("a[rel=next]")["href"] == "?topic=myeloma&page=2"
    second = _soup(client.get(articles_index.url, {"topic": "myeloma", "page": 2}))
    assert len(second.select(".card")) == 2
    assert second.select_one("a[rel=prev]")["href"] == "?topic=myeloma&page=1"
    assert second.select_one("a[rel=next]") is None
    assert client.get(articles_index.url, {"topic": "unknown"}).status_code == 404

    topic_page = _soup(client.get(f"{articles_index.url}topics/myeloma/"))
    assert topic_page.find("h1").get_text() == topic.name


def test_an_empty_listing_says_so_instead_of_showing_nothing(articles_index, client):
    TopicFactory(name="Lymphoma", slug="lymphoma")
    index = _soup(client.get(articles_index.url))
    assert index.select(".card") == []
    assert "There are no articles here yet." in index.get_text()
    topic_page = _soup(client.get(f"{articles_index.url}topics/lymphoma/"))
    assert "There are no articles on this topic yet." in topic_page.get_text()
    assert topic_page.select_one("nav.pagination") is None


def test_topic_lists_link_each_topic_to_its_page_and_mark_the_one_shown(articles_index, client):
    TopicFactory(name="Myeloma", slug="myeloma")
    TopicFactory(name="Lymphoma", slug="lymphoma")
    home = articles_index.get_parent()
    for page, params in [(articles_index, {"topic": "myeloma"}), (home, {})]:
        shown = _soup(client.get(page.url, params)).select(".topic-list a")
        links = {a.get_text(): a for a in shown}
        assert links["Lymphoma"]["href"] == f"{articles_index.url}topics/lymphoma/"
        assert "aria-current" not in links["Lymphoma"].attrs
        assert links["Myeloma"].get("aria-current") == ("page" if params else None)
    topic_page = _soup(client.get(links["Lymphoma"]["href"]))
    assert topic_page.find("h1").get_text() == "Lymphoma"


def test_draft_articles_are_not_listed(articles_index, client):
    ArticlePageFactory(parent=articles_index, title="Still a draft", live=False)
    assert b"Still a draft" not in client.get(articles_index.url).content


def test_navigation_marks_only_the_page_being_read_as_current(articles_index, privacy_page, client):
    link = {"label": "Privacy notice", "page": privacy_page.pk, "url": ""}
    site_settings = SiteSettings.load()
    site_settings.main_navigation = site_settings.footer_links = [{"type": "link", "value": link}]
    site_settings.save()
    article = ArticlePageFactory(parent=articles_index)
    current = "header a[aria-current], footer a[aria-current]"
    # The privacy notice first, so its header and footer are the ones kept in the cache.
    on_privacy_page = _soup(client.get(privacy_page.url)).select(current)
    assert [a["href"] for a in on_privacy_page] == [privacy_page.url, privacy_page.url]
    assert _soup(client.get(article.url)).select(current) == []


def test_footer_shows_the_current_year_when_the_year_changes(articles_index, client):
    article = ArticlePageFactory(parent=articles_index)
    client.force_login(UserFactory())  # never served from the page cache: only the footer is kept
    this_year = timezone.localdate().year
    legal = "footer .site-footer__legal"
    assert f"© {this_year} " in _soup(client.get(article.url)).select_one(legal).get_text()
    with mock.patch("portal.jinja2.timezone") as clock:
        clock.localdate.return_value = datetime.date(this_year + 1, 7, 1)
        footer = _soup(client.get(article.url)).select_one(legal).get_text()
    assert f"© {this_year + 1} " in footer


def test_unknown_address_gets_the_friendly_404_page(home_page, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "We could not find that page"
    assert soup.find("a", href="/search/") is not None


def test_hero_image_needs_alt_text(articles_index):
    from django.core.exceptions import ValidationError

    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    article = ArticlePageFactory.build(hero_image=image, hero_image_alt="")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "hero_image_alt" in error.value.message_dict


def test_hero_image_is_responsive_with_modern_formats(articles_index, client):
    image = get_image_model().objects.create(
        title="Hero", file=get_test_image_file(size=(1600, 900))
    )
    article = ArticlePageFactory(parent=articles_index, hero_image=image, hero_image_alt="Calm")
    picture = _soup(client.get(article.url)).select_one(".article__hero picture")
    assert picture.find("source", type="image/webp")["srcset"].count("w") >= 2
    img = picture.find("img")
    assert img["alt"] == "Calm" and img["width"] and img["height"]


def test_hero_image_renders_as_wagtails_own_picture_and_image_tags(articles_index, client):
    image = get_image_model().objects.create(
        title="Hero", file=get_test_image_file(size=(1600, 900))
    )
    article = ArticlePageFactory(parent=articles_index, hero_image=image, hero_image_alt="Calm")
    wagtails = engines["django"].from_string(
        "{% load wagtailimages_tags %}"
        '{% picture image format-{webp,jpeg} width-{480,800,1200} sizes="(max-width: 50rem) '
        '100vw, 50rem" alt="Calm" fetchpriority="high" %}'
        "{% image image fill-1200x630 format-jpeg as shared %}{{ shared.url }}"
    )
    picture, shared_url = wagtails.render({"image": image}).split("</picture>")
    page = _soup(client.get(article.url))
    expected = BeautifulSoup(f"{picture}</picture>", "html.parser").picture
    assert page.select_one(".article__hero picture") == expected
    assert page.find("meta", property="og:image")["content"] == f"http://testserver{shared_url}"


def test_article_images_come_from_the_rendition_cache_without_writing_to_it(articles_index):
    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    article = ArticlePageFactory(parent=articles_index, hero_image=image, hero_image_alt="Calm")
    client = Client()
    renditions = caches["renditions"]
    with _without_page_cache():
        client.get(article.url)
        stored = dict(renditions._renditions)
        assert len(stored) == 7  # the hero image's six sizes and its shared link
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.url).status_code == 200
    # Nothing written again: each entry is the very one stored by the first request.
    assert all(renditions._renditions[key] is entry for key, entry in stored.items())
    assert not [sql for sql in queries if "wagtailimages_rendition" in sql]


@pytest.mark.parametrize("listing", ["index", "topic", "home", "search"])
def test_listings_render_in_the_same_queries_for_3_or_30_articles(
    articles_index, home_page, client, listing
):
    topic = TopicFactory(slug="car-t")
    urls = {
        "index": articles_index.url,
        "topic": f"{articles_index.url}topics/car-t/",
        "home": home_page.url,
        "search": "/search/?q=relapse",
    }

    def add_articles(count):
        for article in ArticlePageFactory.create_batch(
            count, parent=articles_index, summary="After a relapse"
        ):
            article.topics.set([topic])
            article.save_revision().publish()
            HomeFeaturedArticle.objects.create(page=home_page, article=article)

    add_articles(3)
    few = _queries_to_render(urls[listing])
    add_articles(27)
    # No query per listed item (search pages skip a count query when all fits on one page).
    assert _queries_to_render(urls[listing]) <= few


def test_a_search_without_results_lists_3_or_30_topics_in_the_same_queries(articles_index):
    TopicFactory.create_batch(3)
    few = _queries_to_render("/search/?q=xylophone")
    TopicFactory.create_batch(27)
    assert _queries_to_render("/search/?q=xylophone") <= few


@pytest.mark.parametrize("chosen_related", [True, False])
def test_article_renders_in_at_most_4_queries(articles_index, consultation_page, chosen_related):
    """The pages along its address with the article itself; its references with the ids of its
    authors, chosen related reading and topics; the chosen articles; and its FAQ entries.

    The hero image's renditions come from Wagtail's rendition cache, and the call to action's
    page is kept by the process until the content changes."""
    article = _article_with_many(articles_index, consultation_page, 5, chosen_related)
    queries = _queries_for(article.url)
    assert len(queries) <= (4 if chosen_related else 3)
    assert not [sql for sql in queries if "wagtailimages_rendition" in sql]


def test_article_loads_nothing_from_another_host(articles_index, client):
    article = ArticlePageFactory(parent=articles_index)
    soup = _soup(client.get(article.url))
    assets = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
    assets += [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert assets and all(url.startswith("/") for url in assets if url)
    assert not soup.find_all("script", src=True)  # no JavaScript at all
