"""Coordinators working an enquiry. Each change is written to the enquiry's timeline."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from enquiries.models import Enquiry, EnquiryEmail, EnquiryNote, MedicalDocument
from enquiries.services.emails import enquiry_email_queue


def _touch(enquiry, *fields):
    enquiry.last_activity_at = timezone.now()
    enquiry.save(update_fields=[*fields, "last_activity_at"])


def enquiry_change_status(*, enquiry: Enquiry, status: str, outcome: str = "", user) -> bool:
    """Move an enquiry on. Leaving New for the first time records the first response."""
    if status == Enquiry.Status.CLOSED and not outcome:
        raise ValidationError(_("Choose the outcome when closing an enquiry."))
    outcome = outcome if status == Enquiry.Status.CLOSED else ""
    if (enquiry.status, enquiry.outcome) == (status, outcome):
        return False
    previous = enquiry.get_status_display()
    responded = status not in (Enquiry.Status.NEW, Enquiry.Status.SPAM)
    if responded and enquiry.first_response_at is None:
        enquiry.first_response_at = timezone.now()
    enquiry.status, enquiry.outcome = status, outcome
    _touch(enquiry, "status", "outcome", "first_response_at")
    log(
        instance=enquiry,
        action="enquiries.status_changed",
        user=user,
        data={
            "from": previous,
            "to": enquiry.get_status_display(),
            "outcome": enquiry.get_outcome_display(),
        },
    )
    return True


def enquiry_assign(*, enquiry: Enquiry, assignee, user) -> bool:
    """Give the enquiry to a coordinator (or to nobody). A colleague is told by e-mail."""
    if enquiry.assignee_id == getattr(assignee, "pk", None):
        return False
    enquiry.assignee = assignee
    _touch(enquiry, "assignee")
    name = (assignee.get_full_name() or assignee.get_username()) if assignee else ""
    log(instance=enquiry, action="enquiries.assigned", user=user, data={"assignee": name})
    if assignee and assignee != user and assignee.email:
        enquiry_email_queue(
            enquiry=enquiry, purpose=EnquiryEmail.Purpose.ASSIGNMENT, recipient=assignee.email
        )
    return True


def enquiry_add_note(*, enquiry: Enquiry, text: str, user) -> EnquiryNote:
    note = EnquiryNote.objects.create(enquiry=enquiry, author=user, text=text)
    _touch(enquiry)
    # The timeline says that a note was added; the note itself stays in its own table.
    log(instance=enquiry, action="enquiries.note_added", user=user)
    return note


def enquiry_record_view(*, enquiry: Enquiry, user) -> None:
    log(instance=enquiry, action="enquiries.viewed", user=user)


def document_record_download(*, document: MedicalDocument, user) -> None:
    log(
        instance=document.enquiry,
        action="enquiries.document_downloaded",
        user=user,
        data={"document": document.pk},
    )


def enquiry_listing_record_export(*, user, count: int, export_format: str) -> None:
    """Exports hold personal data: record who took one, when and how many rows, not what."""
    # Recorded against the account itself (request.user is a lazy proxy the audit log skips).
    account = get_user_model().objects.get(pk=user.pk)
    log(
        instance=account,
        action="enquiries.listing_exported",
        user=user,
        data={"count": count, "format": export_format},
    )
