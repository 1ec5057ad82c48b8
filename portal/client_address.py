"""The address a visitor connects from, seen through the reverse proxies the site runs behind."""

from django.conf import settings


def client_address(request):
    """The visitor's address, for rate limits and login throttling.

    Behind a reverse proxy, REMOTE_ADDR is the proxy's, the same for every visitor. Each trusted
    proxy appends the address it saw to X-Forwarded-For, so the visitor's is the one written by
    the outermost trusted proxy; anything further left the visitor wrote and could be made up.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
