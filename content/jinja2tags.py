"""What the site's templates add to Jinja2 for pages: structured data, breadcrumbs, hero images."""

import json

import jinja2
from jinja2.ext import Extension

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found

from content import structured_data
from content.blocks import rich_text_html

# The same escapes as Django's json_script, so no value can close the <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
# An article's hero image in the widths phones to desktops need, WebP first, and the picture a
# link to it shows when shared. Parsed once: Wagtail's image tags parse theirs on every render.
HERO_IMAGE_FILTERS = [
    Filter(spec) for spec in Filter.expand_spec("format-{webp,jpeg}|width-{480,800,1200}")
]
HERO_IMAGE_SIZES = "(max-width: 50rem) 100vw, 50rem"
SHARED_LINK_IMAGE_FILTER = Filter("fill-1200x630|format-jpeg")


def json_ld(data):
    """Render schema.org data as a JSON-LD script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@jinja2.pass_context
def breadcrumb_json_ld(context, ancestors, page):
    return json_ld(structured_data.breadcrumb_list(context["request"], [*ancestors, page]))


@jinja2.pass_context
def article_json_ld(context, article, authors):
    return json_ld(structured_data.medical_web_page(context["request"], article, authors))


def faq_json_ld(entries):
    return json_ld(structured_data.faq_page(entries)) if entries else ""


@jinja2.pass_context
def topic_links(context, articles_index, topics):
    """Each topic with the address of its page in the index, as Wagtail's routablepageurl gives it.

    The index's own address is worked out once for the list: Wagtail works out a page's address
    under its language each time, which for twenty topics took longer than the rest of the list.
    """
    index_url = articles_index.get_url(context["request"])
    return [
        (topic, index_url + articles_index.reverse_subpage("topic", args=[topic.slug]))
        for topic in topics
    ]


@jinja2.pass_context
def canonical_url(context):
    """The page's address without its query string."""
    request = context["request"]
    return request.build_absolute_uri(request.path)


def page_ancestors(page):
    """The pages above this one, from the home page down, for breadcrumbs."""
    return [ancestor for ancestor in page.ancestors if ancestor.depth > 1]


def hero_picture(image, alt):
    """The hero image as Wagtail's {% picture %} renders it, fetched first: it is in view."""
    renditions = get_renditions_or_not_found(image, HERO_IMAGE_FILTERS)
    return Picture(renditions, {"sizes": HERO_IMAGE_SIZES, "alt": alt, "fetchpriority": "high"})


def shared_link_image(image):
    """The rendition social media show with a link to the article."""
    return get_rendition_or_not_found(image, SHARED_LINK_IMAGE_FILTER)


class ContentExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals.update(
            breadcrumb_json_ld=breadcrumb_json_ld,
            article_json_ld=article_json_ld,
            faq_json_ld=faq_json_ld,
            topic_links=topic_links,
            canonical_url=canonical_url,
            page_ancestors=page_ancestors,
            hero_picture=hero_picture,
            shared_link_image=shared_link_image,
        )
        environment.filters["rich_text_html"] = rich_text_html
