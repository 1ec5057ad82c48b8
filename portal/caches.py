import copy
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class RenditionCache(BaseCache):
    """Wagtail's image rendition cache, kept by each process as the renditions themselves.

    Django's local-memory cache pickles what it keeps, and an article reads its hero image's seven
    renditions on every render: copying a rendition costs a fraction of unpickling one. Each read
    gets its own copy, since Wagtail sets the image it was asked for on the rendition it reads.

    Wagtail 8.0 writes the renditions it has just read from here back again, on every use: it
    marks only prefetched renditions as already cached, and stores a single rendition whatever
    its mark (fixed after 8.0.1, wagtail#14541). Marked here as read, and never stored again, a
    page's images cost one read and no write.
    """

    def __init__(self, name, params):
        super().__init__(params)
        # Key: (expiry, rendition), the most recently used last.
        self._renditions = OrderedDict()
        self._lock = threading.Lock()

    def _kept(self, key):
        """The rendition kept under this made key, unless it expired. Called with the lock held."""
        expiry, rendition = self._renditions.get(key, (None, None))
        if rendition is not None and expiry is not None and expiry <= time.time():
            del self._renditions[key]
            return None
        return rendition

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version)
        with self._lock:
            rendition = self._kept(key)
            if rendition is None:
                return default
            self._renditions.move_to_end(key)
        found = copy.copy(rendition)
        found._from_cache = True
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if getattr(value, "_from_cache", False):
            return
        key = self.make_key(key, version)
        with self._lock:
            self._renditions[key] = (self.get_backend_timeout(timeout), copy.copy(value))
            self._renditions.move_to_end(key)
            while len(self._renditions) > self._max_entries:
                self._renditions.popitem(last=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):
            return False
        self.set(key, value, timeout, version)
        return True

    def has_key(self, key, version=None):
        with self._lock:
            return self._kept(self.make_key(key, version)) is not None

    def delete(self, key, version=None):
        with self._lock:
            return self._renditions.pop(self.make_key(key, version), None) is not None

    def clear(self):
        with self._lock:
            self._renditions.clear()
