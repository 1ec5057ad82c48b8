from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.cache import content_changed, forget_served_version
from content.models import FAQEntry, Person, SiteSettings, Topic


def register_signal_handlers():
    """Any change that a page can show empties the anonymous page cache."""
    page_published.connect(content_changed, dispatch_uid="cache-page-published")
    page_unpublished.connect(content_changed, dispatch_uid="cache-page-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="cache-page-moved")
    post_delete.connect(content_changed, sender=Page, dispatch_uid="cache-page-deleted")
    # A page made private must stop being served and listed at once.
    models = (PageViewRestriction, Topic, Person, FAQEntry, SiteSettings, Site, Locale)
    for model in (*models, get_image_model()):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-delete-{model}")
    # A request reads the content version once; the next one reads it afresh.
    request_started.connect(forget_served_version, dispatch_uid="cache-request-started")
    request_finished.connect(forget_served_version, dispatch_uid="cache-request-finished")
