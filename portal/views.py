import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader


def health(request):
    """For load balancers and uptime checks: the process answers, without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """500, or 503 when the database is out of reach: then the visitor should try again later.

    Renders without the database or the request context, which may be what failed.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "120"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
