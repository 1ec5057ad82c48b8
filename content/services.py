"""Operations on content that the admin and the review workflow call."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex, Workflow, WorkflowPage
from wagtail.search import index

from content.models import ArticlePage, Person

MEDICAL_REVIEW_WORKFLOW = "Medical review"


def reviewer_for_user(user) -> Person:
    """The Person who stands for this admin user on pages, made from their name if new."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(name=user.get_full_name() or user.get_username(), user=user)
    return person


def article_record_review(*, article: ArticlePage, reviewer_user, on: datetime.date | None = None):
    """Set who reviewed the article and when, and when it is due again. Does not save."""
    reviewed_on = on or timezone.localdate()
    article.reviewer = reviewer_for_user(reviewer_user)
    article.last_reviewed = reviewed_on
    article.next_review_due = reviewed_on + datetime.timedelta(
        days=settings.CONTENT_REVIEW_INTERVAL_DAYS
    )
    return article


def articles_due_for_review(*, within_days: int | None = None):
    """Articles whose next review is past, or falls within the warning period."""
    if within_days is None:
        within_days = settings.CONTENT_REVIEW_WARNING_DAYS
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        ArticlePage.objects.filter(next_review_due__lte=horizon)
        .select_related("reviewer")
        .order_by("next_review_due", "title")
    )


def medical_review_apply(*, page: Page) -> None:
    """Make the page and everything under it go through medical review before publishing."""
    workflow = Workflow.objects.filter(name=MEDICAL_REVIEW_WORKFLOW, active=True).first()
    if workflow:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def faq_entry_pages_reindex(*, faq_entry) -> int:
    """Pages are found by the FAQ answers they show: re-index them when an answer changes."""
    page_ids = (
        ReferenceIndex.get_references_to(faq_entry)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).specific()
    for page in pages:
        index.insert_or_update_object(page)
    return len(pages)
