"""Medical reports are reachable only through the permission-checked download."""

import pytest

from django.conf import settings

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
