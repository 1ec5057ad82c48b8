"""A patient's request becoming an enquiry: checked for abuse, saved whole, or not at all."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from wagtail.log_actions import log

from enquiries.models import (
    ConsultationRequest,
    Enquiry,
    EnquiryEmail,
    MedicalDocument,
    TravelRequest,
)
from enquiries.services.emails import enquiry_email_queue
from enquiries.uploads import clean_original_name, sha256_of, without_metadata

RATE_LIMIT_WINDOW = 60 * 60


def _answer_fields(model):
    """The fields of an enquiry's part that the patient's answers fill, named as in the form."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name != "enquiry"
    ]


CONTEXT_FIELDS = ["referrer", "utm_source", "utm_medium", "utm_campaign"]


def keyed_hash(value: str) -> str:
    """Enough to recognise the same IP or e-mail address again, useless for finding the person."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


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
            enquiry=enquiry, **{field: data[field] for field in _answer_fields(ConsultationRequest)}
        )
    if travel_requested:
        TravelRequest.objects.create(
            enquiry=enquiry, **{field: data[field] for field in _answer_fields(TravelRequest)}
        )
    log(instance=enquiry, action="enquiries.received", data={"kind": enquiry.get_kind_display()})
    if not spam_reason:
        # No acknowledgement for spam: it would send mail to whatever address a robot typed.
        for purpose in (
            EnquiryEmail.Purpose.ACKNOWLEDGEMENT,
            EnquiryEmail.Purpose.STAFF_NOTIFICATION,
        ):
            enquiry_email_queue(enquiry=enquiry, purpose=purpose)
    return enquiry


def _store_report(enquiry, upload):
    content = without_metadata(upload, upload.detected_type)
    document = MedicalDocument(
        enquiry=enquiry,
        original_name=clean_original_name(upload.name),
        content_type=upload.detected_type,
        size=content.size,
        sha256=sha256_of(content),
    )
    document.file.save("report", content, save=False)
    document.save()
    return document.file
