"""Medical reports are reachable only through the permission-checked download."""

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ModelLogEntry

from enquiries.models import MedicalDocument
from tests.enquiries.helpers import consultation_data, pdf_file
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "wagtailadmin.access_admin"


@pytest.fixture
def document(client, consultation_page):
    client.post(consultation_page.url, consultation_data(reports=[pdf_file("my scan.pdf")]))
    client.logout()
    return MedicalDocument.objects.get()


def _url(document):
    return f"/admin/enquiry-documents/{document.pk}/"


def test_report_has_no_public_url(document, client):
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    stored_name = document.file.name
    assert client.get(f"{settings.MEDIA_URL}{stored_name}").status_code == 404
    assert client.get(f"/private/{stored_name}").status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(document, client):
    response = client.get(_url(document))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_document_permission_is_refused(document, client):
    client.force_login(UserFactory(permissions=[ADMIN, "enquiries.view_enquiry"]))
    assert client.get(_url(document)).status_code == 403


def test_coordinator_downloads_the_report_as_an_attachment(document, client):
    client.force_login(UserFactory(permissions=[ADMIN, "enquiries.view_medicaldocument"]))
    response = client.get(_url(document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "my scan.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def _jpeg_with_exif():
    image = Image.new("RGB", (40, 30), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x9003] = "2026:11:01 09:30:00"  # DateTimeOriginal
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_image_reports_lose_their_exif_metadata(client, consultation_page):
    upload = _jpeg_with_exif()
    assert b"CameraMaker" in upload.read()
    upload.seek(0)
    client.post(consultation_page.url, consultation_data(reports=[upload]))
    document = MedicalDocument.objects.get()
    stored = Path(document.file.path).read_bytes()
    assert b"CameraMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert document.sha256 == hashlib.sha256(stored).hexdigest()


def test_a_file_changed_on_disk_is_not_served(document, client):
    Path(document.file.path).write_bytes(b"%PDF-1.4 tampered\n%%EOF\n")
    client.force_login(UserFactory(permissions=[ADMIN, "enquiries.view_medicaldocument"]))
    response = client.get(_url(document))
    assert response.status_code == 409
    assert b"%PDF" not in response.content


def test_each_download_is_recorded(document, client):
    user = UserFactory(permissions=[ADMIN, "enquiries.view_medicaldocument"])
    client.force_login(user)
    client.get(_url(document))
    entry = ModelLogEntry.objects.get(action="enquiries.document_downloaded")
    assert entry.user_id == user.pk and entry.data == {"document": document.pk}
