"""What happens to an enquiry: submitted, e-mailed about. Views and tasks call these."""

import datetime
import hashlib
import hmac
import logging

from django_tasks import default_task_backend

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from content.models import SiteSettings
from enquiries.models import (
    ConsultationRequest,
    Enquiry,
    EnquiryEmail,
    MedicalDocument,
    TravelRequest,
)
from enquiries.uploads import clean_original_name, sha256_of

logger = logging.getLogger(__name__)

RATE_LIMIT_WINDOW = 60 * 60
MAX_EMAIL_ATTEMPTS = 8

CONSULTATION_FIELDS = [
    "submitted_by",
    "country_of_residence",
    "nationality",
    "age_or_birth_year",
    "condition",
    "treatment",
    "preferred_contact_method",
    "preferred_contact_time",
    "preferred_language",
    "preferred_destination",
    "urgency",
    "previous_treatments",
]
TRAVEL_FIELDS = [
    "services",
    "departure_city",
    "departure_country",
    "destination_city",
    "departure_date",
    "return_date",
    "dates_flexible",
    "companions",
    "mobility",
    "current_hospital",
    "clinical_summary",
    "air_ambulance_urgency",
    "treating_doctor_contact",
    "nights",
    "accommodation_budget",
    "accessibility_needs",
    "medical_clearance_needed",
]
CONTEXT_FIELDS = ["referrer", "utm_source", "utm_medium", "utm_campaign"]


def ip_address_hash(ip_address: str) -> str:
    """A keyed hash: enough to count submissions per address, useless for finding the person."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, ip_address.encode(), hashlib.sha256).hexdigest()


def _rate_limit_key(ip_hash):
    return f"enquiries:rate:{ip_hash}"


def enquiry_rate_limited(*, ip_hash: str) -> bool:
    return cache.get(_rate_limit_key(ip_hash), 0) >= settings.ENQUIRY_RATE_LIMIT_PER_HOUR


def _count_submission(ip_hash):
    key = _rate_limit_key(ip_hash)
    cache.add(key, 0, timeout=RATE_LIMIT_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_LIMIT_WINDOW)


def enquiry_submit(
    *,
    kind: str,
    data: dict,
    reports: list,
    travel_requested: bool,
    spam_reason: str,
    ip_hash: str,
    privacy_notice_version: str,
) -> Enquiry:
    """Save an enquiry, its parts and its reports in one transaction, then queue its e-mails.

    Submitting the same form twice (same token) returns the first enquiry.
    """
    token = data["submission_token"]
    existing = Enquiry.objects.filter(submission_token=token).first()
    if existing:
        return existing
    stored_files = []
    try:
        with transaction.atomic():
            enquiry = _create_enquiry(
                kind, data, travel_requested, spam_reason, ip_hash, privacy_notice_version
            )
            for upload in reports:
                stored_files.append(_store_report(enquiry, upload))
    except Exception as error:
        # Nothing of a failed submission may outlive it, not even its files on disk.
        for stored in stored_files:
            stored.delete(save=False)
        existing = Enquiry.objects.filter(submission_token=token).first()
        if isinstance(error, IntegrityError) and existing:
            # A concurrent request with the same token won the race: that enquiry is this one.
            return existing
        raise
    _count_submission(ip_hash)
    return enquiry


def _create_enquiry(kind, data, travel_requested, spam_reason, ip_hash, notice_version):
    earlier = data.get("earlier_reference")
    contact = earlier if earlier and not data.get("full_name") else None
    if kind == "consultation":
        kind = Enquiry.Kind.BOTH if travel_requested else Enquiry.Kind.CONSULTATION
    enquiry = Enquiry.objects.create(
        submission_token=data["submission_token"],
        kind=kind,
        status=Enquiry.Status.SPAM if spam_reason else Enquiry.Status.NEW,
        spam_reason=spam_reason,
        full_name=contact.full_name if contact else data["full_name"],
        email=contact.email if contact else data["email"],
        phone=contact.phone if contact else data["phone"],
        phone_on_whatsapp=contact.phone_on_whatsapp if contact else data["phone_on_whatsapp"],
        earlier_enquiry=earlier,
        health_data_consent=data["health_data_consent"],
        privacy_notice_version=notice_version,
        marketing_opt_in=data["marketing_opt_in"],
        source_page_id=data.get("source_page"),
        ip_hash=ip_hash,
        **{field: data[field] for field in CONTEXT_FIELDS},
    )
    if kind in (Enquiry.Kind.CONSULTATION, Enquiry.Kind.BOTH):
        ConsultationRequest.objects.create(
            enquiry=enquiry, **{field: data[field] for field in CONSULTATION_FIELDS}
        )
    if travel_requested:
        TravelRequest.objects.create(
            enquiry=enquiry, **{field: data[field] for field in TRAVEL_FIELDS}
        )
    if not spam_reason:
        # No acknowledgement for spam: it would send mail to whatever address a robot typed.
        for purpose in EnquiryEmail.Purpose.values:
            email = EnquiryEmail.objects.create(enquiry=enquiry, purpose=purpose)
            transaction.on_commit(lambda pk=email.pk: _queue_email(pk))
    return enquiry


def _store_report(enquiry, upload):
    document = MedicalDocument(
        enquiry=enquiry,
        original_name=clean_original_name(upload.name),
        content_type=upload.detected_type,
        size=upload.size,
        sha256=sha256_of(upload),
    )
    document.file.save("report", upload, save=False)
    document.save()
    return document.file


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
    subject = f"New enquiry {enquiry.reference}"
    body = render_to_string("enquiries/emails/staff_notification.txt", context)
    return subject, body, [settings.ENQUIRY_STAFF_EMAIL]


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
