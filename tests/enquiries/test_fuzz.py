"""Random and malformed input to every public form and to search: never a 500, never a bad row."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.test import Client

from enquiries.forms import ConsultationRequestForm, TravelRequestForm
from enquiries.models import Enquiry
from tests.enquiries.helpers import consultation_data, travel_request_data

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control characters
    st.sampled_from(["\x00", "a\x00b", "", " ", "<script>alert(1)</script>", "' OR 1=1 --"]),
    st.sampled_from(["9" * 400, "x" * 5000, "é" * 3000, "\u202e\u200b" * 100]),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
)
# A field sent once, several times, or empty-handed, as a hand-made request might.
HOSTILE_VALUE = st.one_of(HOSTILE_TEXT, st.lists(HOSTILE_TEXT, min_size=2, max_size=3))
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ACCEPTABLE = {200, 302, 400, 403, 413, 429}


def _fields(form_class):
    return sorted(form_class.base_fields)


def _check_submission(client, page, data):
    before = Enquiry.objects.count()
    response = client.post(page.url, data)
    assert response.status_code in ACCEPTABLE
    created = Enquiry.objects.count() - before
    assert created in (0, 1)
    assert (created == 1) == (response.status_code == 302 and before == Enquiry.objects.count() - 1)
    for enquiry in Enquiry.objects.all():
        enquiry.full_clean()
        for part in ("consultation", "travel"):
            if hasattr(enquiry, part):
                getattr(enquiry, part).full_clean()


@pytest.fixture
def no_rate_limit(settings):
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 10_000
    settings.ENQUIRY_MIN_FILL_SECONDS = 0


CONSULTATION_OVERRIDES = st.dictionaries(
    st.sampled_from(_fields(ConsultationRequestForm)), HOSTILE_VALUE
)
TRAVEL_OVERRIDES = st.dictionaries(st.sampled_from(_fields(TravelRequestForm)), HOSTILE_VALUE)


@FUZZ
@given(overrides=CONSULTATION_OVERRIDES)
def test_consultation_form_survives_hostile_input(
    client, consultation_page, no_rate_limit, overrides
):
    _check_submission(client, consultation_page, consultation_data(**overrides))


@FUZZ
@given(overrides=TRAVEL_OVERRIDES)
def test_travel_form_survives_hostile_input(client, travel_page, no_rate_limit, overrides):
    _check_submission(client, travel_page, travel_request_data(**overrides))


@FUZZ
@given(junk=st.dictionaries(HOSTILE_TEXT, HOSTILE_VALUE, max_size=8))
def test_forms_survive_a_post_of_nothing_but_junk(client, consultation_page, junk):
    _check_submission(client, consultation_page, junk)


@FUZZ
@given(query=HOSTILE_VALUE, page=HOSTILE_TEXT)
def test_search_survives_hostile_queries(client, articles_index, query, page):
    response = client.get("/search/", {"q": query, "page": page})
    assert response.status_code == 200


def test_a_post_without_its_csrf_token_is_refused_not_crashed(consultation_page):
    response = Client(enforce_csrf_checks=True).post(consultation_page.url, consultation_data())
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()
    assert not Enquiry.objects.exists()
