"""Builds the demo site. Idempotent: what already exists is left as editors may have changed it."""

import datetime
import io
import uuid

from PIL import Image as PILImage
from PIL import ImageDraw

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Site

from content import demo_data
from content.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
    FAQEntry,
    FAQPage,
    HomeFeaturedArticle,
    HomePage,
    Person,
    SiteSettings,
    StandardPage,
    Topic,
)
from content.services import medical_review_apply
from enquiries.models import ConsultationRequestPage, TravelRequestPage


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _demo_image(title, colours):
    """A generated landscape picture, so the demo needs no downloads."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 1600, 900
    picture = PILImage.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / height
        row = tuple(round(a + (b - a) * mix) for a, b in zip(colours[0], colours[1], strict=True))
        draw.line([(0, y), (width, y)], fill=row)
    for i in range(6):
        x = 200 + i * 230
        draw.ellipse([x, 300 + (i % 2) * 120, x + 180, 480 + (i % 2) * 120], fill=colours[2])
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    filename = f"{title.lower().replace(' ', '-')}.jpg"
    image = Image.objects.create(title=title, file=ImageFile(buffer, name=filename))
    image.get_file_hash()  # stored, as an upload in the admin stores it: rendition keys name it
    return image


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def _person(data):
    person, _ = Person.objects.get_or_create(name=data["name"], defaults=data)
    return person


def _home_page():
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's install leaves a placeholder page with the slug "home": move it aside first.
    placeholder = site.root_page if site and site.root_page.specific_class is Page else None
    if placeholder:
        placeholder.slug = "placeholder"
        placeholder.save(update_fields=["slug"])
    home = _publish(
        root,
        HomePage(
            title="Specialist treatment abroad, explained and arranged",
            slug="home",
            introduction=(
                "Clear, medically reviewed guides for patients and families, and a care team "
                "that helps you reach specialist treatment and organises your journey."
            ),
        ),
    )
    if site:
        site.root_page = home
        site.save(update_fields=["root_page"])
    else:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    if placeholder:
        placeholder.delete()
    return home


def _standard_page(home, slug, title, introduction, body):
    return _child(home, slug) or _publish(
        home,
        StandardPage(
            title=title,
            slug=slug,
            introduction=introduction,
            body=[_block("paragraph", body)],
        ),
    )


def _request_page(home, page_class, slug, title, introduction, privacy_notice):
    return _child(home, slug) or _publish(
        home,
        page_class(
            title=title,
            slug=slug,
            introduction=introduction,
            privacy_note=demo_data.PRIVACY_NOTE,
            privacy_notice=privacy_notice,
            thank_you_text=demo_data.THANK_YOU,
        ),
    )


def _article(index, data, reviewer, author, faqs, enquiry_pages, image):
    existing = _child(index, data["slug"])
    if existing:
        return existing
    body = []
    for block_type, value in data["body"]:
        if block_type in ("heading", "subheading"):
            level = "h2" if block_type == "heading" else "h3"
            body.append(_block("heading", {"text": value, "level": level, "anchor": ""}))
        elif block_type == "faq":
            heading = "Frequently asked questions"
            questions = [faqs[key].pk for key in value]
            body.append(_block("faq", {"heading": heading, "questions": questions}))
        elif block_type == "cta":
            body.append(_block("call_to_action", _call_to_action(value, enquiry_pages)))
        else:
            body.append(_block(block_type, value))
    today = timezone.localdate()
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        body=body,
        hero_image=image,
        hero_image_alt="An abstract illustration in calm blue and green tones.",
        reviewer=reviewer,
        last_reviewed=today,
        next_review_due=today + datetime.timedelta(days=settings.CONTENT_REVIEW_INTERVAL_DAYS),
        authors=[ArticleAuthor(person=author)],
        references=[ArticleReference(**reference) for reference in data["references"]],
    )
    article.topics.set(Topic.objects.filter(slug__in=data["topics"]))
    return _publish(index, article)


def _call_to_action(kind, enquiry_pages):
    if kind == "travel":
        return {
            "heading": "Need help with visas, flights or somewhere to stay?",
            "text": "Tell us what you need and a coordinator will plan it with you.",
            "page": enquiry_pages["travel"].pk,
            "button_label": "Ask for travel help",
        }
    return {
        "heading": "Talk to a specialist about what comes next",
        "text": (
            "Send us your question and reports. A care coordinator will reply with the "
            "specialists and hospitals that could help."
        ),
        "page": enquiry_pages["consultation"].pk,
        "button_label": "Request a free consultation",
    }


def _faq_page(home, faqs):
    return _child(home, "frequently-asked-questions") or _publish(
        home,
        FAQPage(
            title="Frequently asked questions",
            slug="frequently-asked-questions",
            introduction="Short answers to the questions patients and families ask us most.",
            body=[
                _block("section", {"heading": heading, "questions": [faqs[k].pk for k in keys]})
                for heading, keys in demo_data.FAQ_PAGE_SECTIONS
            ],
        ),
    )


def _link(label, page):
    return _block("link", {"label": label, "page": page.pk, "url": ""})


def _site_settings(articles_index, faq_page, enquiry_pages, privacy_page):
    site_settings = SiteSettings.load()
    if site_settings.main_navigation:
        return
    site_settings.phone = "+44 20 7946 0321"
    site_settings.whatsapp = "+44 7700 900321"
    site_settings.email = "care@example.org"
    site_settings.address = "12 Example Street\nLondon EC1A 1AA\nUnited Kingdom"
    site_settings.opening_hours = "Monday to Saturday, 8:00–20:00 (UK time)"
    site_settings.medical_disclaimer = demo_data.DISCLAIMER
    site_settings.main_navigation = [
        _link("Articles", articles_index),
        _link("FAQs", faq_page),
        _link("Request a consultation", enquiry_pages["consultation"]),
        _link("Travel assistance", enquiry_pages["travel"]),
    ]
    site_settings.footer_links = [
        _link("Privacy notice", privacy_page),
        _link("Request a consultation", enquiry_pages["consultation"]),
    ]
    site_settings.save()


@transaction.atomic
def load_demo_content():
    home = _home_page()
    for topic in demo_data.TOPICS:
        Topic.objects.get_or_create(slug=topic["slug"], defaults=topic)
    reviewer = _person(demo_data.REVIEWER)
    author = _person(demo_data.AUTHOR)
    faqs = {
        key: FAQEntry.objects.get_or_create(question=question, defaults={"answer": answer})[0]
        for key, (question, answer) in demo_data.FAQ_ENTRIES.items()
    }
    privacy_page = _standard_page(
        home,
        "privacy-notice",
        "Privacy notice",
        "Who sees the information you send us, why, and how long we keep it.",
        demo_data.PRIVACY_NOTICE,
    )
    enquiry_pages = {
        "consultation": _request_page(
            home,
            ConsultationRequestPage,
            "request-a-consultation",
            "Request a consultation",
            demo_data.CONSULTATION_INTRO,
            privacy_page,
        ),
        "travel": _request_page(
            home,
            TravelRequestPage,
            "travel-assistance",
            "Travel assistance",
            demo_data.TRAVEL_INTRO,
            privacy_page,
        ),
    }
    articles_index = _child(home, "articles") or _publish(
        home,
        ArticleIndexPage(
            title="Articles",
            slug="articles",
            introduction="Plain-language guides, each checked by a medical reviewer.",
        ),
    )
    palettes = [
        ((11, 90, 110), (120, 190, 200), (255, 255, 255)),
        ((40, 80, 140), (150, 180, 230), (250, 240, 200)),
        ((30, 110, 80), (170, 220, 190), (255, 250, 240)),
    ]
    articles = [
        _article(
            articles_index,
            data,
            reviewer,
            author,
            faqs,
            enquiry_pages,
            _demo_image(f"Illustration {n}", palettes[n - 1]),
        )
        for n, data in enumerate(demo_data.ARTICLES, start=1)
    ]
    faq_page = _faq_page(home, faqs)
    for section in (articles_index, faq_page):
        medical_review_apply(page=section)
    if not home.featured_articles.exists():
        home.featured_articles = [HomeFeaturedArticle(article=a) for a in articles]
        home.cta_heading = "Talk to a care coordinator"
        home.cta_text = "Free, with no obligation. We reply to every request within 24 hours."
        home.cta_page = enquiry_pages["consultation"]
        home.save_revision().publish()
    _site_settings(articles_index, faq_page, enquiry_pages, privacy_page)
    return home
