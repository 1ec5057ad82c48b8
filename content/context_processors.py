from content.cache import content_version


def cache_version(request):
    """Keys the cached header, footer and disclaimer fragments to the current content."""
    return {"content_version": content_version}
