"""Login throttling: slows password guessing without letting anyone lock a colleague out."""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from portal.client_address import client_address


def _key(request, username):
    # Per user name *and* address: an attacker elsewhere cannot lock the real user out.
    address = client_address(request) if request else ""
    digest = hashlib.sha256(f"{username.lower()}|{address}".encode()).hexdigest()
    return f"portal:login-failures:{digest}"


class ThrottledModelBackend(ModelBackend):
    """After LOGIN_FAILURE_LIMIT failures, refuses that user name from that address for a while."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD, "")
        key = _key(request, username or "")
        if cache.get(key, 0) >= settings.LOGIN_FAILURE_LIMIT:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
            cache.incr(key)
        else:
            cache.delete(key)
        return user
