"""Submitting requests through the real pages, forms and database."""

import re

import pytest
from bs4 import BeautifulSoup
from django_countries import Countries

from django import forms
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.utils.safestring import mark_safe

from enquiries.forms import ConsultationRequestForm, TravelRequestForm, country_choices
from enquiries.models import ConsultationRequest, Enquiry, MedicalDocument, TravelRequest
from enquiries.models.enquiries import new_reference
from enquiries.widgets import LongSelect
from tests.enquiries.helpers import (
    CANARY_DIAGNOSIS,
    consultation_data,
    image_file,
    pdf_file,
    started,
    travel_data,
    travel_request_data,
)
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

REFERENCE_PATTERN = re.compile(r"^EQ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """Post a form as a browser would, running what happens after the commit."""

    def post(page, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, data)

    return post


def _errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".error-summary li a")]


def test_form_page_records_where_the_patient_came_from(consultation_page, client):
    response = client.get(
        consultation_page.url,
        {"source": "42", "utm_campaign": "myeloma"},
        HTTP_REFERER="https://search.example/",
    )
    form = response.context_data["form"]
    assert form["source_page"].value() == "42"
    assert form["utm_campaign"].value() == "myeloma"
    assert form["referrer"].value() == "https://search.example/"
    assert "no-store" in response["Cache-Control"]


def test_valid_consultation_is_saved_acknowledged_and_thanked(consultation_page, submit, client):
    topic = TopicFactory(name="CAR T-cell therapy")
    response = submit(consultation_page, consultation_data(treatment=str(topic.pk)))

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.kind == Enquiry.Kind.CONSULTATION
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.phone == "+2348031234567"
    assert enquiry.utm_campaign == "autumn" and enquiry.referrer == "https://www.google.com/"
    assert enquiry.privacy_notice_version.startswith(f"page {consultation_page.privacy_notice.pk}")
    assert enquiry.health_data_consent and not enquiry.marketing_opt_in
    assert len(enquiry.ip_hash) == 64 and "127.0.0.1" not in enquiry.ip_hash
    consultation = enquiry.consultation
    assert consultation.treatment == topic
    assert consultation.country_of_residence.code == "NG"
    assert not TravelRequest.objects.exists()

    thank_you = client.get(response["Location"])
    assert enquiry.reference in thank_you.content.decode()
    assert "within 24 hours" in thank_you.content.decode()

    acknowledgement, notification = sorted(mail.outbox, key=lambda m: m.to != [enquiry.email])
    assert acknowledgement.to == ["amina@example.com"]
    assert enquiry.reference in acknowledgement.body
    assert notification.to == [settings.ENQUIRY_STAFF_EMAIL]
    assert f"/admin/enquiries/inspect/{enquiry.pk}/" in notification.body
    for message in mail.outbox:
        assert CANARY_DIAGNOSIS not in message.body + message.subject


def test_valid_travel_request_alone(travel_page, submit):
    data = travel_request_data(services=["visa_letter", "air_ambulance"])
    data.update(
        current_hospital="Lagos University Teaching Hospital",
        clinical_summary="Stable, needs oxygen",
        air_ambulance_urgency="Within a week",
        treating_doctor_contact="Dr Ade, +234 1 000 0000",
    )
    response = submit(travel_page, data)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.kind == Enquiry.Kind.TRAVEL
    assert not ConsultationRequest.objects.exists()
    travel = enquiry.travel
    assert travel.services == ["visa_letter", "air_ambulance"]
    assert travel.current_hospital == "Lagos University Teaching Hospital"
    assert travel.companions == 2 and travel.mobility == "wheelchair"


def test_travel_request_with_an_earlier_reference_needs_no_contact_details(
    consultation_page, travel_page, submit
):
    submit(consultation_page, consultation_data())
    earlier = Enquiry.objects.get()
    data = travel_request_data(earlier_reference=earlier.reference.lower())
    data.update(full_name="", email="", phone="")
    assert submit(travel_page, data).status_code == 302
    follow_up = Enquiry.objects.exclude(pk=earlier.pk).get()
    assert follow_up.earlier_enquiry == earlier
    assert (follow_up.full_name, follow_up.email) == (earlier.full_name, earlier.email)


def test_unknown_earlier_reference_is_refused(travel_page, submit):
    data = travel_request_data(earlier_reference="EQ-AAAA-BBBB", full_name="", email="", phone="")
    response = submit(travel_page, data)
    assert response.status_code == 400
    assert any("cannot find that reference" in error for error in _errors(response))


def test_consultation_with_travel_needs_is_both(consultation_page, submit):
    response = submit(consultation_page, consultation_data(**travel_data()))
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.kind == Enquiry.Kind.BOTH
    assert enquiry.consultation and enquiry.travel.departure_city == "Lagos"


def test_answers_for_services_not_ticked_are_not_stored(consultation_page, submit):
    data = consultation_data(**travel_data(services=["visa_letter"]), nights="12")
    submit(consultation_page, data)
    assert Enquiry.objects.get().travel.nights is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "amina@"}, "Enter an e-mail address in the right format"),
        ({"phone": "12345"}, "Enter a phone number we can call"),
        ({"health_data_consent": ""}, "Tick the box to agree"),
        ({"full_name": ""}, "Enter the patient's full name."),
        ({"country_of_residence": "XX"}, "Select a valid choice"),
        ({"age_or_birth_year": "300"}, "Enter an age from 0 to 120"),
        ({"condition": "x" * 2001}, "at most 2000 characters"),
        ({"treatment": ""}, "Choose a treatment, or 'Not sure'."),
        (travel_data(departure_date="2020-01-01"), "The departure date must be today or later."),
        (
            travel_data(return_date="2020-01-01"),
            "The return date must be today or later.",
        ),
        (travel_data(companions="11"), "Enter a number of companions from 0 to 10."),
        (travel_data(services=["air_ambulance"]), "Enter the hospital the patient is in now."),
        (travel_data(services=["accommodation"]), "Enter how many nights"),
        (travel_data(destination_city=""), "Enter the destination city"),
    ],
)
def test_each_invalid_input_gets_its_message_and_stores_nothing(
    consultation_page, submit, overrides, message
):
    response = submit(consultation_page, consultation_data(**overrides))
    assert response.status_code == 400
    assert any(message in error for error in _errors(response)), _errors(response)
    assert not Enquiry.objects.exists()
    assert not mail.outbox


def test_return_must_come_after_departure(consultation_page, submit):
    data = consultation_data(**travel_data())
    data["return_date"] = data["departure_date"]
    response = submit(consultation_page, data)
    assert "The return date must be after the departure date." in _errors(response)


def test_after_an_error_everything_valid_is_still_there(consultation_page, submit):
    data = consultation_data(**travel_data(), email="not-an-email")
    response = submit(consultation_page, data)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "full_name"})["value"] == "Amina Bello"
    assert soup.find("textarea", attrs={"name": "condition"}).get_text().strip() == CANARY_DIAGNOSIS
    assert soup.find("input", attrs={"name": "departure_city"})["value"] == "Lagos"
    assert soup.find("input", attrs={"name": "services", "value": "flights"}).has_attr("checked")
    for name in ("country_of_residence", "nationality", "departure_country"):
        chosen = soup.find("select", attrs={"name": name}).find_all("option", selected=True)
        assert [option["value"] for option in chosen] == ["NG"]
    assert soup.find("input", attrs={"name": "email"})["aria-invalid"] == "true"
    summary_link = soup.select_one(".error-summary a")
    assert summary_link["href"] == "#id_email"


@pytest.mark.parametrize("form_class", [ConsultationRequestForm, TravelRequestForm])
def test_request_form_widgets_are_the_markup_of_djangos_own_templates(form_class):
    def parsed(form):
        html = "".join(str(form[name]) for name in form.fields)
        return BeautifulSoup(re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)), "html.parser")

    invalid = {**consultation_data(), "email": "not an address"}
    for data in (None, invalid):
        shown, djangos = form_class(data), form_class(data, renderer=DjangoTemplates())
        assert parsed(shown) == parsed(djangos)
    assert parsed(shown).find("input", attrs={"name": "email"})["value"] == "not an address"


def test_long_select_lists_are_djangos_own_markup():
    choices = [
        ("", "Choose"),
        ("Europe", [("fr", "France & <Monaco>")]),
        ("ci", mark_safe("C&ocirc;te d&#x27;Ivoire")),  # already escaped: kept as it is
        ('"ng"', "Nigeria"),
    ]
    fast = LongSelect(attrs={"autocomplete": "country"}, choices=choices)
    django = forms.Select(attrs={"autocomplete": "country"}, choices=choices)
    attrs = {"id": "id_country", "required": True}

    def parsed(widget):
        html = re.sub(r">\s+<", "><", widget.render("country", "fr", attrs))
        return BeautifulSoup(html, "html.parser")

    assert parsed(fast) == parsed(django)
    assert parsed(fast).find("option", selected=True).get_text() == "France & <Monaco>"


def test_country_names_are_read_once_per_language(consultation_page, client, monkeypatch):
    reads = []
    read_names = Countries.__iter__
    monkeypatch.setattr(Countries, "__iter__", lambda self: reads.append(1) or read_names(self))
    country_choices.cache_clear()
    for _ in range(2):
        soup = BeautifulSoup(client.get(consultation_page.url).content, "html.parser")
    # Three lists on the page, each rendered and checked for a required first choice.
    assert len(reads) == 1
    for name in ("country_of_residence", "nationality", "departure_country"):
        options = soup.find("select", attrs={"name": name}).find_all("option")
        assert (options[0]["value"], options[0].get_text()) == ("", "Choose a country")
        assert len(options) > 240 and soup.find("option", value="NG").get_text() == "Nigeria"


def test_files_are_asked_for_again_after_an_error(consultation_page, submit):
    response = submit(consultation_page, consultation_data(email="x", reports=[pdf_file()]))
    assert "please attach them again" in response.content.decode()


def test_valid_reports_are_stored_privately_with_their_checksum(consultation_page, submit):
    files = [pdf_file(), image_file("scan.png"), image_file("photo.jpg", "JPEG")]
    assert submit(consultation_page, consultation_data(reports=files)).status_code == 302
    documents = list(MedicalDocument.objects.order_by("pk"))
    assert [d.content_type for d in documents] == ["application/pdf", "image/png", "image/jpeg"]
    for document in documents:
        path = document.file.path
        assert path.startswith(str(settings.PRIVATE_FILES_ROOT))
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert document.original_name not in path
        assert len(document.sha256) == 64


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 200), "is not a PDF"),
        (SimpleUploadedFile("empty.pdf", b""), "is empty"),
        (pdf_file(size=11 * 1024 * 1024), "larger than 10 MB"),
        (SimpleUploadedFile("x.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "is not a PDF"),
    ],
)
def test_bad_reports_are_refused(consultation_page, submit, upload, message):
    response = submit(consultation_page, consultation_data(reports=[upload]))
    assert response.status_code == 400
    assert any(message in error for error in _errors(response)), _errors(response)
    assert not Enquiry.objects.exists() and not MedicalDocument.objects.exists()


def test_a_sixth_file_is_refused(consultation_page, submit):
    response = submit(consultation_page, consultation_data(reports=[pdf_file() for _ in range(6)]))
    assert any("at most 5 files" in error for error in _errors(response))
    assert not Enquiry.objects.exists()


SPAM_SIGNALS = {
    "honeypot": lambda: {"website": "http://spam.example"},
    "too_fast": lambda: {"form_started": started(seconds_ago=1)},
    "bad_timestamp": lambda: {"form_started": "forged"},
}


@pytest.mark.parametrize("reason", SPAM_SIGNALS)
def test_spam_is_kept_flagged_and_not_acknowledged(consultation_page, submit, reason):
    response = submit(consultation_page, consultation_data(**SPAM_SIGNALS[reason]()))
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.status, enquiry.spam_reason) == (Enquiry.Status.SPAM, reason)
    assert not mail.outbox


def test_rate_limit_stops_the_sixth_request_in_an_hour_and_keeps_the_answers(
    consultation_page, submit
):
    for _ in range(settings.ENQUIRY_RATE_LIMIT_PER_HOUR):
        assert submit(consultation_page, consultation_data()).status_code == 302
    response = submit(consultation_page, consultation_data(full_name="Sixth Person"))
    assert response.status_code == 429
    assert "several requests from your connection" in response.content.decode()
    assert b'value="Sixth Person"' in response.content
    assert Enquiry.objects.count() == settings.ENQUIRY_RATE_LIMIT_PER_HOUR


def test_double_submit_creates_one_enquiry(consultation_page, submit, client):
    data = consultation_data()
    first, second = submit(consultation_page, data), submit(consultation_page, data)
    assert first["Location"] == second["Location"]
    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 2


def test_refreshing_the_thank_you_page_creates_nothing(consultation_page, submit, client):
    response = submit(consultation_page, consultation_data())
    client.get(response["Location"])
    client.get(response["Location"])
    assert Enquiry.objects.count() == 1


def test_thank_you_page_without_a_submission_goes_back_to_the_form(consultation_page, client):
    response = client.get(consultation_page.url + "thank-you/")
    assert response.status_code == 302 and response["Location"] == consultation_page.url


def test_references_are_unique_and_unguessable():
    references = {new_reference() for _ in range(5000)}
    assert len(references) == 5000
    assert all(REFERENCE_PATTERN.match(reference) for reference in references)


def test_oversized_request_is_refused_before_it_is_read(consultation_page, client):
    response = client.post(
        consultation_page.url,
        consultation_data(),
        CONTENT_LENGTH=str(settings.ENQUIRY_MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert "too large to send" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_post_without_csrf_token_is_refused_with_an_explanation(consultation_page):
    response = Client(enforce_csrf_checks=True).post(consultation_page.url, consultation_data())
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_tampered_hidden_fields_are_set_right_not_refused(consultation_page, submit):
    data = consultation_data(
        submission_token="not-a-uuid", source_page="9" * 400, referrer="javascript:alert(1)"
    )
    assert submit(consultation_page, data).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.source_page is None and enquiry.referrer == ""
    enquiry.full_clean()


def test_behind_a_proxy_the_rate_limit_counts_each_visitor_not_the_proxy(
    consultation_page, client, django_capture_on_commit_callbacks, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    limit = settings.ENQUIRY_RATE_LIMIT_PER_HOUR

    def submit_from(forwarded_for):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                consultation_page.url,
                consultation_data(),
                REMOTE_ADDR="10.0.0.2",  # the proxy's address, the same for everyone
                HTTP_X_FORWARDED_FOR=forwarded_for,
            )

    for visitor in range(limit + 1):
        assert submit_from(f"198.51.100.{visitor}").status_code == 302
    # What the visitor writes in front of the proxy's entry does not make them someone else.
    for made_up in range(limit):
        submit_from(f"192.0.2.{made_up}, 203.0.113.7")
    assert submit_from("192.0.2.99, 203.0.113.7").status_code == 429
