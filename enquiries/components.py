import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from enquiries.models import Enquiry

# What coordinators still have to work on.
OPEN_STATUSES = [
    status
    for status in Enquiry.Status.values
    if status not in (Enquiry.Status.CLOSED, Enquiry.Status.SPAM)
]


class EnquiriesPanel(Component):
    """Dashboard counts that each open the matching filtered listing."""

    name = "enquiries"
    order = 50
    template_name = "enquiries/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        deadline = timezone.now() - datetime.timedelta(hours=settings.ENQUIRY_RESPONSE_TARGET_HOURS)
        new = Q(status=Enquiry.Status.NEW)
        # Every count is of open enquiries: the status index leaves the closed ones, which pile
        # up over the years, unread.
        counts = Enquiry.objects.filter(status__in=OPEN_STATUSES).aggregate(
            new=Count("pk", filter=new),
            unassigned=Count("pk", filter=Q(assignee=None)),
            overdue=Count("pk", filter=new & Q(received_at__lt=deadline)),
            mine=Count("pk", filter=Q(assignee=self.user)),
        )
        listing = reverse("enquiries:list")
        open_statuses = "&".join(f"status={status}" for status in OPEN_STATUSES)
        return {
            "items": [
                (_("New"), counts["new"], f"{listing}?status=new"),
                (_("Unassigned"), counts["unassigned"], f"{listing}?{open_statuses}&assignee=null"),
                (_("Overdue"), counts["overdue"], f"{listing}?overdue=true"),
                (_("Assigned to me"), counts["mine"], f"{listing}?{open_statuses}&mine=true"),
            ]
        }
