"""Data protection: retention, and a person's right to a copy of their data or its erasure."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from wagtail.log_actions import log

from enquiries.models import Enquiry, PersonDataRequest
from enquiries.services.intake import keyed_hash

EXPORTED_ENQUIRY_FIELDS = [
    "reference", "kind", "status", "outcome", "received_at", "full_name", "email", "phone",
    "phone_on_whatsapp", "health_data_consent", "privacy_notice_version", "marketing_opt_in",
    "referrer", "utm_source", "utm_medium", "utm_campaign",
]  # fmt: skip


def _erase(enquiries):
    """Delete enquiries with their reports' files. Returns how many enquiries went."""
    count = 0
    for enquiry in enquiries.prefetch_related("documents"):
        files = [document.file for document in enquiry.documents.all()]
        with transaction.atomic():
            enquiry.delete()
            transaction.on_commit(lambda files=files: [f.delete(save=False) for f in files])
        count += 1
    return count


def enquiries_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Erase enquiries past the retention period, and spam past its shorter one."""
    now = now or timezone.now()
    expired = models.Q(
        last_activity_at__lt=now - datetime.timedelta(days=settings.ENQUIRY_RETENTION_DAYS)
    ) | models.Q(
        status=Enquiry.Status.SPAM,
        received_at__lt=now - datetime.timedelta(days=settings.ENQUIRY_SPAM_RETENTION_DAYS),
    )
    return _erase(Enquiry.objects.filter(expired))


def _person_enquiries(email):
    return Enquiry.objects.filter(email__iexact=email.strip())


def _record(action, email, count, user):
    request = PersonDataRequest.objects.create(
        action=action,
        email_hash=keyed_hash(email.strip().lower()),
        enquiry_count=count,
        requested_by=user,
    )
    log(instance=request, action=f"enquiries.person_{action}", user=user, data={"count": count})
    return request


def _serialise(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value if isinstance(value, str | int | bool | list | type(None)) else str(value)


def _as_dict(instance, exclude=("id", "enquiry")):
    return {
        field.name: _serialise(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }


def person_data_export(*, email: str, user) -> dict:
    """Everything held about the person who wrote from this e-mail address."""
    enquiries = _person_enquiries(email).select_related("consultation", "travel")
    data = []
    for enquiry in enquiries:
        item = {field: _serialise(getattr(enquiry, field)) for field in EXPORTED_ENQUIRY_FIELDS}
        if hasattr(enquiry, "consultation"):
            item["consultation"] = _as_dict(enquiry.consultation)
        if hasattr(enquiry, "travel"):
            item["travel"] = _as_dict(enquiry.travel)
        item["documents"] = [
            {"name": d.original_name, "type": d.content_type, "size": d.size, "sha256": d.sha256}
            for d in enquiry.documents.all()
        ]
        item["notes"] = [
            {"written_at": note.created_at.isoformat(), "text": note.text}
            for note in enquiry.notes.all()
        ]
        data.append(item)
    _record(PersonDataRequest.Action.EXPORT, email, len(data), user)
    return {"email": email.strip(), "exported_at": timezone.now().isoformat(), "enquiries": data}


def person_data_erase(*, email: str, user) -> int:
    count = _erase(_person_enquiries(email))
    _record(PersonDataRequest.Action.ERASURE, email, count, user)
    return count
