"""The renditions cache each process keeps (portal/caches.py)."""

from types import SimpleNamespace

from portal.caches import RenditionCache


def _cache(max_entries=10):
    return RenditionCache("renditions", {"TIMEOUT": 60, "OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_each_read_gets_its_own_copy_marked_as_read():
    cache = _cache()
    cache.set("hero", SimpleNamespace(url="/media/hero.webp"))
    first = cache.get("hero")
    first.image = "set by one request"
    second = cache.get("hero")
    assert second.url == "/media/hero.webp" and not hasattr(second, "image")
    assert first._from_cache and second._from_cache


def test_a_rendition_read_from_it_is_not_stored_again():
    cache = _cache()
    cache.set("hero", SimpleNamespace(url="/media/old.webp"))
    read = cache.get("hero")
    read.url = "/media/changed.webp"
    cache.set("hero", read)
    assert cache.get("hero").url == "/media/old.webp"


def test_the_least_recently_used_goes_first_when_full():
    cache = _cache(max_entries=2)
    cache.set("a", SimpleNamespace())
    cache.set("b", SimpleNamespace())
    cache.get("a")
    cache.set("c", SimpleNamespace())
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None


def test_expired_and_deleted_renditions_are_gone():
    cache = _cache()
    cache.set("expired", SimpleNamespace(), timeout=0)
    cache.set("deleted", SimpleNamespace())
    assert cache.delete("deleted")
    assert cache.get("expired") is None and cache.get("deleted") is None
    assert cache.add("expired", SimpleNamespace()) and not cache.add("expired", SimpleNamespace())
