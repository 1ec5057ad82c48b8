"""The "due for review" report in the admin."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import PageReportView

from content.services import articles_due_for_review


class ReviewDueReportView(PageReportView):
    page_title = _("Due for medical review")
    header_icon = "time"
    results_template_name = "content/admin/review_due_report_results.html"
    index_url_name = "review_due_report"
    index_results_url_name = "review_due_report_results"
    list_export = ["title", "reviewer", "last_reviewed", "next_review_due", "full_url"]
    export_headings = {"full_url": _("Address")}
    export_filename = "due-for-review"
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        return articles_due_for_review()
