"""E-mails an enquiry causes: queued in its transaction, sent by the worker, retried on failure."""

import datetime
import logging

from django_tasks import default_task_backend

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log

from content.models import SiteSettings
from enquiries.models import Enquiry, EnquiryEmail

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 8


def enquiry_email_queue(*, enquiry: Enquiry, purpose: str, recipient: str = "") -> EnquiryEmail:
    """Record an e-mail to send and queue it once the surrounding transaction commits."""
    email = EnquiryEmail.objects.create(enquiry=enquiry, purpose=purpose, recipient=recipient)
    transaction.on_commit(lambda: _queue_email(email.pk))
    return email


def _queue_email(email_id, run_after=None):
    from enquiries.tasks import send_enquiry_email

    task = send_enquiry_email
    if run_after and default_task_backend.supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


def _email_message(email):
    enquiry = email.enquiry
    context = {
        "enquiry": enquiry,
        "response_hours": settings.ENQUIRY_RESPONSE_TARGET_HOURS,
        "organisation": SiteSettings.load(),
        "admin_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("enquiries:inspect", args=[enquiry.pk]),
    }
    if email.purpose == EnquiryEmail.Purpose.ACKNOWLEDGEMENT:
        subject = f"We have received your request {enquiry.reference}"
        body = render_to_string("enquiries/emails/acknowledgement.txt", context)
        return subject, body, [enquiry.email]
    if email.purpose == EnquiryEmail.Purpose.ASSIGNMENT:
        subject = f"Enquiry {enquiry.reference} has been assigned to you"
        recipient = email.recipient
    else:
        subject = f"New enquiry {enquiry.reference}"
        recipient = settings.ENQUIRY_STAFF_EMAIL
    context["headline"] = f"{subject} ({enquiry.get_kind_display()})."
    body = render_to_string("enquiries/emails/staff_notification.txt", context)
    return subject, body, [recipient]


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … minutes, at most an hour."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 60))


def enquiry_email_send(*, email_id: int) -> bool:
    """Send one pending e-mail. On failure, schedule the next attempt. True when sent."""
    with transaction.atomic():
        email = (
            EnquiryEmail.objects.select_for_update(skip_locked=True)
            .select_related("enquiry")
            .filter(pk=email_id, status=EnquiryEmail.Status.PENDING)
            .first()
        )
        if email is None:  # already sent, given up, or being sent by another worker
            return False
        subject, body, recipients = _email_message(email)
        email.attempts += 1
        try:
            send_mail(subject, body, None, recipients, fail_silently=False)
        except Exception as error:  # any failure of the mail server means: try again later
            email.last_error = type(error).__name__
            if email.attempts >= MAX_EMAIL_ATTEMPTS:
                email.status = EnquiryEmail.Status.FAILED
            else:
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
                transaction.on_commit(
                    lambda: _queue_email(email.pk, run_after=email.next_attempt_at)
                )
            email.save()
            logger.warning(
                "E-mail %s for enquiry %s failed (%s), attempt %s",
                email.purpose,
                email.enquiry.reference,
                email.last_error,
                email.attempts,
            )
            return False
        email.status = EnquiryEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save()
        log(
            instance=email.enquiry,
            action="enquiries.email_sent",
            data={"purpose": email.get_purpose_display()},
        )
        return True


def enquiry_emails_requeue_due() -> int:
    """Queue every pending e-mail whose next attempt is due: the sweep after an outage."""
    due = EnquiryEmail.objects.filter(
        status=EnquiryEmail.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for email_id in due:
        _queue_email(email_id)
        count += 1
    return count
