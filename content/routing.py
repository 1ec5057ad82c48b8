"""Finding the page for a request without Wagtail's per-request site, home page and locale queries.

Wagtail looks up the site (one query), its home page (two: the page and its own type) and the
active locale (one) on every request before walking the tree. These change rarely, so each
server process keeps them until the shared content version moves on (content/cache.py), which
saving a site or locale, or publishing the home page, does. The page itself is then found by
its URL path in one query (HomePage.route).
"""

import copy

from django.http import Http404
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.models import Locale, Site

from content.cache import content_version

# Enough for every host name a real installation serves; more means a flood of made-up ones.
MAX_KEPT = 100

_kept = {}


def _kept_for_current_version():
    version = content_version()
    if _kept.get("version") != version or len(_kept) > MAX_KEPT:
        _kept.clear()
        _kept["version"] = version
    return _kept


def site_for_request(request):
    """The request's Site, its root page already fetched as its own type."""
    kept = _kept_for_current_version()
    key = ("site", request.get_host())
    if key not in kept:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        kept[key] = site
    site = kept[key]
    # Each request gets its own copies: a page may keep per-request state on itself.
    if site is not None:
        site = copy.copy(site)
        site.root_page = copy.copy(site.root_page)
    return site


def active_locale():
    kept = _kept_for_current_version()
    key = ("locale", translation.get_language())
    if key not in kept:
        kept[key] = Locale.get_active()
    return kept[key]


def route(request, path):
    """What Page.route_for_request finds, in one query for the page."""
    site = site_for_request(request)
    if site is None:
        return None
    request._wagtail_site = site
    home = site.root_page
    locale = active_locale()
    if home.locale_id != locale.pk:
        home = (home.get_translation_or_none(locale) or home).specific
    try:
        return home.route(request, [component for component in path.split("/") if component])
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view (hooks, view restrictions, serving), routed as above."""
    request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)
