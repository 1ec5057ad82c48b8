"""Building real form submissions, as a browser would send them."""

import datetime
import io
import uuid

from PIL import Image

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from enquiries.forms import FORM_STARTED_SALT

CANARY_DIAGNOSIS = "Refractory canary-lymphoma after CAR T"


def started(seconds_ago=60):
    return signing.dumps(timezone.now().timestamp() - seconds_ago, salt=FORM_STARTED_SALT)


def _hidden(**overrides):
    return {
        "submission_token": str(uuid.uuid4()),
        "form_started": started(),
        "source_page": "",
        "referrer": "https://www.google.com/",
        "utm_source": "newsletter",
        "utm_medium": "email",
        "utm_campaign": "autumn",
        "website": "",
        **overrides,
    }


def _contact():
    return {
        "full_name": "Amina Bello",
        "email": "amina@example.com",
        "phone": "+234 803 123 4567",
        "phone_on_whatsapp": "on",
    }


def consultation_data(**overrides):
    return {
        **_hidden(),
        **_contact(),
        "submitted_by": "family",
        "country_of_residence": "NG",
        "nationality": "NG",
        "age_or_birth_year": "54",
        "condition": CANARY_DIAGNOSIS,
        "treatment": "not_sure",
        "preferred_contact_method": "whatsapp",
        "health_data_consent": "on",
        **overrides,
    }


def travel_data(**overrides):
    departure = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "services": ["visa_letter", "flights"],
        "departure_city": "Lagos",
        "departure_country": "NG",
        "destination_city": "Chennai",
        "departure_date": departure.isoformat(),
        "return_date": (departure + datetime.timedelta(days=40)).isoformat(),
        "companions": "2",
        "mobility": "wheelchair",
        **overrides,
    }


def travel_request_data(**overrides):
    return {**_hidden(), **_contact(), **travel_data(), "health_data_consent": "on", **overrides}


def pdf_file(name="report.pdf", size=None):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content = content[:-7] + b"0" * (size - len(content)) + b"\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def image_file(name="scan.png", image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")
