from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class RenditionCache(LocMemCache):
    """Wagtail's image rendition cache, kept by each process.

    Wagtail 8.0 writes the renditions it has just read from here back again, on every use: it
    marks only prefetched renditions as already cached, and stores a single rendition whatever
    its mark (fixed after 8.0.1, wagtail#14541). Marked here as read, and never stored again, a
    page's images cost one read and no write.
    """

    def get_many(self, keys, version=None):
        found = super().get_many(keys, version=version)
        for rendition in found.values():
            rendition._from_cache = True
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not getattr(value, "_from_cache", False):
            super().set(key, value, timeout=timeout, version=version)
