"""A corpus of hostile uploads: each is refused with a clear message and nothing is stored."""

import gzip
import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from enquiries.models import Enquiry, MedicalDocument
from tests.enquiries.helpers import consultation_data, image_file, pdf_file

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
SHELL = b"#!/bin/sh\nrm -rf / --no-preserve-root\n"


def _zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.pdf", PDF)
    return buffer.getvalue()


def _image(image_format, size=(20, 20), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=image_format)
    return buffer.getvalue()


def _decompression_bomb():
    # 20,000 × 20,000 pixels (400 million) compress to a few kilobytes of PNG.
    return _image("PNG", size=(20_000, 20_000), mode="1")


HOSTILE = {
    "report.pdf": EXE,
    "scan.jpg": EXE,
    "xray.png": EXE,
    "results.pdf": ELF,
    "letter.pdf": SHELL,
    "report.pdf.exe": EXE,
    "report.exe.pdf": EXE,
    "page.pdf": HTML,
    "photo.jpg": HTML,
    "image.png": HTML,
    "scan.png.html": HTML,
    "vector.png": SVG,
    "vector.jpg": SVG,
    "vector.pdf": SVG,
    "empty.pdf": b"",
    "empty.jpg": b"",
    "empty.png": b"",
    "archive.pdf": _zip(),
    "archive.zip": _zip(),
    "document.docx": _zip(),
    "truncated.pdf": b"%PDF-1.7\n<</Type/Catalog>>\n<script>alert(1)</script>",
    "pdf-then-html.pdf": b"%PDF-1.4\n<html><script>alert(1)</script></html>",
    "fake.jpg": b"\xff\xd8\xff\xe0" + HTML,
    "fake.png": b"\x89PNG\r\n\x1a\n" + HTML,
    "animation.jpg": _image("GIF"),
    "bitmap.png": _image("BMP"),
    "tiff-scan.jpg": _image("TIFF"),
    "modern.png": _image("WEBP"),
    "compressed.pdf": gzip.compress(PDF),
    "bomb.png": _decompression_bomb(),
    "../../../etc/cron.d/evil.pdf": SHELL,
    "..\\..\\windows\\system32\\evil.png": EXE,
    "notes.pdf": b"Just some plain text notes, not a PDF at all.",
    "letter.rtf.pdf": b"{\\rtf1\\ansi Hello}",
}


def _errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(li.get_text(" ", strip=True) for li in soup.select(".error-summary li"))


def _stored_files():
    root = settings.PRIVATE_FILES_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_the_corpus_is_large_enough():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_upload_is_refused_with_a_clear_message(client, consultation_page, name):
    upload = SimpleUploadedFile(name, HOSTILE[name], content_type="application/pdf")
    before = _stored_files()
    response = client.post(consultation_page.url, consultation_data(reports=[upload]))
    assert response.status_code == 400
    errors = _errors(response)
    assert "is empty" in errors or "is not a PDF, JPEG or PNG file we can open" in errors
    assert not Enquiry.objects.exists() and not MedicalDocument.objects.exists()
    assert _stored_files() == before


@pytest.mark.parametrize(
    "upload",
    [pdf_file("report.pdf"), image_file("scan.png"), image_file("photo.jpg", "JPEG")],
    ids=["pdf", "png", "jpeg"],
)
def test_valid_reports_are_accepted(client, consultation_page, upload):
    response = client.post(consultation_page.url, consultation_data(reports=[upload]))
    assert response.status_code == 302
    assert MedicalDocument.objects.count() == 1


def test_a_png_named_jpg_is_judged_by_its_content(client, consultation_page):
    upload = image_file("really-a-png.jpg", "PNG")
    assert (
        client.post(consultation_page.url, consultation_data(reports=[upload])).status_code == 302
    )
    assert MedicalDocument.objects.get().content_type == "image/png"


def test_a_path_in_the_file_name_goes_nowhere(client, consultation_page):
    upload = pdf_file("../../../../tmp/owned.pdf")
    client.post(consultation_page.url, consultation_data(reports=[upload]))
    document = MedicalDocument.objects.get()
    assert document.original_name == "owned.pdf"
    assert ".." not in document.file.name and "owned" not in document.file.name
    assert document.file.path.startswith(str(settings.PRIVATE_FILES_ROOT))
