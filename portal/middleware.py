"""Security headers and staff session limits for every response."""

import secrets
import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_TOUCH_SECONDS = 60


class SecurityHeadersMiddleware:
    """A strict Content Security Policy on the public site; a relaxed one in the admin only.

    Wagtail's admin (and its previews, served under /admin/) uses inline scripts and styles that
    the strict policy would block. The userbar on public pages needs neither.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        admin = request.path.startswith("/admin/")
        policy = (
            settings.ADMIN_CONTENT_SECURITY_POLICY if admin else settings.CONTENT_SECURITY_POLICY
        )
        response.setdefault("Content-Security-Policy", policy.format(nonce=request.csp_nonce))
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class StaffSessionTimeoutMiddleware:
    """Signs staff out after SESSION_IDLE_SECONDS without a request, or SESSION_MAX_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault("started_at", now)
            idle_since = session.get("last_seen_at", now)
            if (
                now - idle_since > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_MAX_SECONDS
            ):
                logout(request)
            elif now - idle_since > SESSION_TOUCH_SECONDS or "last_seen_at" not in session:
                # A minute's precision is plenty, and spares a session write on every request.
                session["last_seen_at"] = now
        return self.get_response(request)
