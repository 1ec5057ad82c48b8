from django.http import HttpResponse


def health(request):
    """For load balancers and uptime checks: the process answers, without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
