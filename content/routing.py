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

from content.cache import kept_until_content_changes, request_content_version
from content.models.pages import specific_for_serving


def _site_with_its_root_page(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = specific_for_serving(site.root_page_id, site.root_page.content_type_id)
        # Kept with it: every page's ancestors begin with the home page's.
        site.root_page.ancestors  # noqa: B018
    return site


def _kept(request, key, fetch):
    return kept_until_content_changes(key, fetch, request_content_version(request))


def site_for_request(request):
    """The request's Site, its root page already fetched as its own type."""
    site = _kept(request, ("site", request.get_host()), lambda: _site_with_its_root_page(request))
    # Each request gets its own copies: a page may keep per-request state on itself.
    if site is not None:
        site = copy.copy(site)
        site.root_page = copy.copy(site.root_page)
    return site


def active_locale(request):
    return _kept(request, ("locale", translation.get_language()), Locale.get_active)


def find_site(request):
    """What Site.find_for_request finds, without a query while the content is unchanged."""
    request._wagtail_site = site_for_request(request)
    return request._wagtail_site


def route(request, path):
    """What Page.route_for_request finds, in one query for the page."""
    site = find_site(request)
    if site is None:
        return None
    home = site.root_page
    locale = active_locale(request)
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
