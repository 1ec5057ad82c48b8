"""Bulk actions on the enquiry listing: assign, change status, mark as spam."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from enquiries.admin_forms import AssignForm, StatusForm
from enquiries.models import Enquiry
from enquiries.permissions import CHANGE_ENQUIRIES, VIEW_ENQUIRIES, forbidden
from enquiries.services import enquiry_assign, enquiry_change_status


class EnquiryBulkAction(SnippetBulkAction):
    models = [Enquiry]
    template_name = "enquiries/admin/confirm_bulk_action.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_ENQUIRIES):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm(CHANGE_ENQUIRIES)

    # The service each enquiry goes through, and changes fixed by the action itself.
    service = None
    changes = {}

    def get_execution_context(self):
        return {"user": self.request.user, **self.changes, **self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, user=None, **changes):
        changed = [cls.service(enquiry=enquiry, user=user, **changes) for enquiry in objects]
        return sum(changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d enquiry updated.", "%(count)d enquiries updated.", num_parent_objects
        ) % {"count": num_parent_objects}


class AssignBulkAction(EnquiryBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected enquiries")
    action_priority = 10
    form_class = AssignForm
    service = staticmethod(enquiry_assign)


class StatusBulkAction(EnquiryBulkAction):
    display_name = _("Change status")
    action_type = "status"
    aria_label = _("Change the status of the selected enquiries")
    action_priority = 20
    form_class = StatusForm
    service = staticmethod(enquiry_change_status)


class MarkSpamBulkAction(EnquiryBulkAction):
    display_name = _("Mark as spam")
    action_type = "mark_spam"
    aria_label = _("Mark the selected enquiries as spam")
    action_priority = 30
    service = staticmethod(enquiry_change_status)
    changes = {"status": Enquiry.Status.SPAM}
