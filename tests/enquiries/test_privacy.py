"""Retention, and a person's data exported or erased on request."""

import datetime
import io
import json
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

from enquiries.models import Enquiry, MedicalDocument, PersonDataRequest
from tests.enquiries.helpers import CANARY_DIAGNOSIS
from tests.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

PERSON_DATA = "/admin/enquiries/person-data/"


def _with_report(enquiry):
    document = MedicalDocument(
        enquiry=enquiry,
        original_name="scan.pdf",
        content_type=MedicalDocument.FileType.PDF,
        size=9,
        sha256="0" * 64,
    )
    document.file.save("report", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return Path(document.file.path)


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_purge_erases_expired_enquiries_and_spam_with_their_files(
    settings, django_capture_on_commit_callbacks
):
    expired = EnquiryFactory(last_activity_at=_days_ago(settings.ENQUIRY_RETENTION_DAYS + 1))
    old_spam = EnquiryFactory(status=Enquiry.Status.SPAM, received_at=_days_ago(31))
    recent_spam = EnquiryFactory(status=Enquiry.Status.SPAM, received_at=_days_ago(5))
    active = EnquiryFactory(
        received_at=_days_ago(900), last_activity_at=_days_ago(10)
    )  # old, but still being worked
    expired_file, active_file = _with_report(expired), _with_report(active)

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_enquiries", stdout=output)

    assert set(Enquiry.objects.values_list("pk", flat=True)) == {recent_spam.pk, active.pk}
    assert not expired_file.exists() and active_file.exists()
    assert old_spam.pk not in Enquiry.objects.values_list("pk", flat=True)
    assert output.getvalue().startswith("Erased 2 enquiries")


def test_person_export_holds_everything_about_them_and_is_audited(client, coordinator):
    enquiry = EnquiryFactory(email="amina@example.com", consultation__condition=CANARY_DIAGNOSIS)
    enquiry.notes.create(text="Asked for scans")
    EnquiryFactory(email="someone.else@example.com")
    client.force_login(coordinator)

    response = client.post(PERSON_DATA, {"email": "AMINA@example.com", "export": "1"})

    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    data = json.loads(response.content)
    (exported,) = data["enquiries"]
    assert exported["reference"] == enquiry.reference
    assert exported["consultation"]["condition"] == CANARY_DIAGNOSIS
    assert exported["notes"][0]["text"] == "Asked for scans"
    request = PersonDataRequest.objects.get()
    assert (request.action, request.enquiry_count, request.requested_by) == (
        "export",
        1,
        coordinator,
    )
    entry = ModelLogEntry.objects.get(action="enquiries.person_export")
    assert "amina" not in json.dumps(entry.data).lower() and "amina" not in entry.label.lower()


def test_person_erasure_needs_confirmation_then_removes_rows_and_files(
    client, coordinator, django_capture_on_commit_callbacks
):
    enquiry = EnquiryFactory(email="amina@example.com")
    report = _with_report(enquiry)
    kept = EnquiryFactory(email="someone.else@example.com")
    client.force_login(coordinator)

    response = client.post(PERSON_DATA, {"email": "amina@example.com", "erase": "1"})
    assert "Tick the box to confirm" in response.content.decode()
    assert Enquiry.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            PERSON_DATA, {"email": "amina@example.com", "erase": "1", "confirm_erasure": "on"}
        )

    assert list(Enquiry.objects.all()) == [kept]
    assert not report.exists()
    entry = ModelLogEntry.objects.get(action="enquiries.person_erasure")
    assert entry.data == {"count": 1}
    assert PersonDataRequest.objects.get().email_hash != "amina@example.com"
