from django.utils.functional import SimpleLazyObject

from content.cache import request_content_version


def cache_version(request):
    """Keys the cached header, footer and disclaimer fragments to the current content."""
    return {"content_version": SimpleLazyObject(lambda: request_content_version(request))}
