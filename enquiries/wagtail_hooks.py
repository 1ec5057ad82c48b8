from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from enquiries.bulk_actions import AssignBulkAction, MarkSpamBulkAction, StatusBulkAction
from enquiries.components import EnquiriesPanel
from enquiries.models import Enquiry
from enquiries.permissions import VIEW_ENQUIRIES, EnquiryPermissionPolicy
from enquiries.views import document_download
from enquiries.viewsets import EnquiryViewSet

register_permission_policy(Enquiry, EnquiryPermissionPolicy(Enquiry))
register_snippet(EnquiryViewSet)

for bulk_action in (AssignBulkAction, StatusBulkAction, MarkSpamBulkAction):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_urls")
def register_document_download_url():
    return [
        path("enquiry-documents/<int:pk>/", document_download, name="enquiries_document_download")
    ]


@hooks.register("construct_homepage_panels")
def add_enquiries_panel(request, panels):
    if request.user.has_perm(VIEW_ENQUIRIES):
        panels.append(EnquiriesPanel(request.user))


@hooks.register("register_log_actions")
def register_enquiry_log_actions(actions):
    """The enquiry timeline. Messages never carry health data: only labels and names."""

    @actions.register_action("enquiries.received")
    class Received(LogFormatter):
        label = _("Received")

        def format_message(self, log_entry):
            return _("Received: %(kind)s") % {"kind": log_entry.data.get("kind", "")}

    @actions.register_action("enquiries.email_sent")
    class EmailSent(LogFormatter):
        label = _("E-mail sent")

        def format_message(self, log_entry):
            return _("E-mail sent: %(purpose)s") % {"purpose": log_entry.data.get("purpose", "")}

    @actions.register_action("enquiries.status_changed")
    class StatusChanged(LogFormatter):
        label = _("Status changed")

        def format_message(self, log_entry):
            data = log_entry.data
            message = _("Status: %(from)s → %(to)s") % {"from": data["from"], "to": data["to"]}
            return f"{message} ({data['outcome']})" if data.get("outcome") else message

    @actions.register_action("enquiries.assigned")
    class Assigned(LogFormatter):
        label = _("Assigned")

        def format_message(self, log_entry):
            name = log_entry.data.get("assignee")
            return _("Assigned to %(name)s") % {"name": name} if name else _("Unassigned")

    actions.register_action("enquiries.note_added", _("Note added"), _("Note added"))
    actions.register_action("enquiries.viewed", _("Viewed"), _("Viewed"))
    actions.register_action(
        "enquiries.document_downloaded", _("Document downloaded"), _("Document downloaded")
    )
    actions.register_action(
        "enquiries.listing_exported", _("Enquiries exported"), _("Enquiries exported")
    )
    actions.register_action(
        "enquiries.person_export", _("Person's data exported"), _("Person's data exported")
    )
    actions.register_action(
        "enquiries.person_erasure", _("Person's data erased"), _("Person's data erased")
    )
