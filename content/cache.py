"""A shared cache of the pages anonymous visitors see, emptied whenever content changes.

Every cached page is stored with the *content version* it was rendered from. Publishing,
unpublishing, moving or deleting a page, changing who may see it, or saving a snippet, image or
setting that pages show, bumps the version, so the next anonymous request renders afresh, in every
server process sharing the cache. A request reads the version and its page together, in one round
trip to the shared cache.
"""

import hashlib
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

VERSION_KEY = "portal:content-version"
CACHED_HEADERS = ["Content-Type", "Content-Language", "Vary"]
# Enough for every host name a real installation serves; more means a flood of made-up ones.
MAX_KEPT = 100
_MISSING = object()

# What this process keeps until the content version moves on. Replaced whole, never emptied in
# place, so a request in another thread never sees it half-built.
_kept = {"version": None}
# The version of the request being served, once read: what is kept is then checked against it
# without another round trip to the shared cache.
_serving = ContextVar("content version of the request being served", default=None)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # Never an earlier number again if the cache is emptied: processes key what they keep
        # (kept_until_content_changes) on this version.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def request_content_version(request):
    """The content version when the request began, read once however often it is asked for.

    A page rendered while the version moves on is then stored under the version it began with,
    which the next request no longer reads.
    """
    if not hasattr(request, "_content_version"):
        _begin_with_version(request, content_version())
    return request._content_version


def _begin_with_version(request, version):
    request._content_version = version
    _serving.set(version)


def forget_served_version(**kwargs):
    """Signal receiver: a request begins or ends, or the content changes."""
    _serving.set(None)


def kept_until_content_changes(key, fetch, version=None):
    """What fetch() returns, kept by this process until the content version moves on.

    For what nearly every request needs and editors rarely change: the site, its home page,
    the locale, the view restrictions. During a request, the version is the one it began with.
    """
    global _kept
    kept = _kept
    if version is None:
        version = _serving.get()
    if version is None:
        version = content_version()
    if kept["version"] != version or len(kept) > MAX_KEPT:
        kept = _kept = {"version": version}
    value = kept.get(key, _MISSING)
    if value is _MISSING:
        value = kept[key] = fetch()
    return value


def _next_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def content_changed(**kwargs):
    """Signal receiver: whatever changed, no page cached before it may be served again.

    The version moves on at once, and again when the change is committed: until then, another
    process still reads the old content, and may have stored it under the new version.
    """
    forget_served_version()
    _next_version()
    transaction.on_commit(_next_version)


def _key(request):
    # Hashed: an address can be longer than a cache key may be.
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"portal:page:{address}"


def _stored_page(request, key):
    """The page stored at key if rendered from the current content, read with the version."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    _begin_with_version(request, content_version() if version is None else version)
    stored = found.get(key)
    if stored is not None and stored[0] == request._content_version:
        return stored[1:]
    return None


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        # A session cookie may mean a signed-in editor: their pages are theirs alone.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        # A cookie (CSRF token, session, message) means the page was made for one visitor.
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors from the shared cache; never the signed-in, never forms.

    It comes last in MIDDLEWARE, so a cached response still passes back through the security,
    locale and clickjacking middleware above it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = _stored_page(request, key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            response["Cache-Control"] = settings.PAGE_CACHE_CONTROL
            headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
            headers["Cache-Control"] = response["Cache-Control"]
            page = (request._content_version, response.content, headers)
            cache.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response
