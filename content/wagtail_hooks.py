from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from content.components import ReviewDuePanel
from content.models import FAQEntry
from content.reports import ReviewDueReportView
from content.services import faq_entry_pages_reindex
from content.viewsets import ContentLibraryViewSetGroup

register_snippet(ContentLibraryViewSetGroup)


def _works_on_content(user):
    return PagePermissionPolicy().user_has_any_permission(user, {"add", "change", "publish"})


@hooks.register("after_edit_snippet")
def reindex_pages_showing_the_faq_entry(request, instance):
    if isinstance(instance, FAQEntry):
        faq_entry_pages_reindex(faq_entry=instance)


@hooks.register("register_admin_urls")
def register_review_due_report_urls():
    return [
        path("reports/due-for-review/", ReviewDueReportView.as_view(), name="review_due_report"),
        path(
            "reports/due-for-review/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="review_due_report_results",
        ),
    ]


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return _works_on_content(request.user)


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    return ReviewDueMenuItem(
        _("Due for medical review"), reverse("review_due_report"), icon_name="time", order=150
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if _works_on_content(request.user):
        panels.append(ReviewDuePanel())


class HealthContentCheckerItem(ContentCheckerItem):
    """Wagtail's checker, with the rules that matter most for patients' articles."""

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "color-contrast-enhanced",
        "link-in-text-block",
        "list",
        "listitem",
        "definition-list",
        "page-has-heading-one",
        "image-redundant-alt",
        "landmark-one-main",
        "table-duplicate-name",
        "th-has-data-cells",
    ]


@hooks.register("construct_wagtail_userbar")
def use_health_content_accessibility_checks(request, items, page):
    items[:] = [
        HealthContentCheckerItem(item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]
