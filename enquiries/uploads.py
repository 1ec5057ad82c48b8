"""Checks a medical report by what it contains, not by what it is called."""

import hashlib
import io

from PIL import Image, ImageOps, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from enquiries.models import MedicalDocument

SIGNATURES = [
    (b"%PDF-", MedicalDocument.FileType.PDF),
    (b"\xff\xd8\xff", MedicalDocument.FileType.JPEG),
    (b"\x89PNG\r\n\x1a\n", MedicalDocument.FileType.PNG),
]
# A scan larger than this many pixels is more likely a decompression bomb than a report.
MAX_IMAGE_PIXELS = 60_000_000


def detect_file_type(upload):
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, file_type in SIGNATURES:
        if head.startswith(signature):
            return file_type
    return None


def _check_image(upload, file_type):
    expected = "JPEG" if file_type == MedicalDocument.FileType.JPEG else "PNG"
    try:
        with Image.open(upload) as image:
            if image.format != expected or image.width * image.height > MAX_IMAGE_PIXELS:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)
    return True


def _check_pdf(upload):
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    return b"%%EOF" in tail


def validate_report(upload):
    """Return the file's real type, or raise a message the patient can act on."""
    name = upload.name
    limit_mb = settings.ENQUIRY_MAX_FILE_BYTES // (1024 * 1024)
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty. Choose the file again.") % {"name": name})
    if upload.size > settings.ENQUIRY_MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s MB. Send a smaller copy, or e-mail it to us.")
            % {"name": name, "limit": limit_mb}
        )
    file_type = detect_file_type(upload)
    valid = file_type is not None and (
        _check_pdf(upload)
        if file_type == MedicalDocument.FileType.PDF
        else _check_image(upload, file_type)
    )
    if not valid:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, JPEG or PNG file we can open. Attach reports in one of "
                "those formats."
            )
            % {"name": name}
        )
    return file_type


def without_metadata(upload, file_type):
    """Images are stored re-encoded, without EXIF (camera, place, time); PDFs as sent."""
    if file_type == MedicalDocument.FileType.PDF:
        return upload
    with Image.open(upload) as image:
        clean = ImageOps.exif_transpose(image).copy()
        clean.info = {}  # no EXIF, XMP, comments or text chunks travel with the pixels
        buffer = io.BytesIO()
        clean.save(buffer, format="JPEG" if file_type == MedicalDocument.FileType.JPEG else "PNG")
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=upload.name)


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def clean_original_name(name):
    """Keep the name for staff to recognise, without any path or control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    return base[:255] or "report"
