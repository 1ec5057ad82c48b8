"""The journeys that matter most, in a real browser against a real server."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, pair_authenticator, screenshot, submit_password
from tests.servers import PROJECT_DIR

REFERENCE = re.compile(r"EQ-[0-9A-Z]{4}-[0-9A-Z]{4}")
REPORT = PROJECT_DIR / "tests" / "e2e" / "report.pdf"
ARTICLE_TITLE = "What happens if CAR T-cell therapy does not work?"


@pytest.fixture(scope="module", autouse=True)
def report_file():
    REPORT.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    yield
    REPORT.unlink()


def fill_patient_details(page, name="Amina Bello", email="amina@example.com"):
    page.check("input[name=submitted_by][value=family]")
    page.fill("#id_full_name", name)
    page.fill("#id_age_or_birth_year", "54")
    page.select_option("#id_country_of_residence", "NG")
    page.select_option("#id_nationality", "NG")
    page.fill("#id_email", email)
    page.fill("#id_phone", "+234 803 123 4567")
    page.fill("#id_condition", "Large B-cell lymphoma, relapsed after CAR T in March")
    page.select_option("#id_treatment", label="CAR T-cell therapy")


def reference_on(page):
    expect(page.locator(".confirmation")).to_be_visible()
    return REFERENCE.search(page.locator(".confirmation__reference").inner_text()).group()


def test_patient_on_a_phone_reads_the_article_and_asks_for_a_consultation(phone):
    phone.goto("/")
    phone.get_by_role("link", name=ARTICLE_TITLE).first.click()
    expect(phone.locator("h1")).to_have_text(ARTICLE_TITLE)
    question = phone.locator("details.faq__item").first
    question.locator("summary").click()
    expect(question.locator(".faq__answer")).to_be_visible()
    screenshot(phone, "article-phone")

    phone.get_by_role("link", name="Request a free consultation").click()
    expect(phone.locator("h1")).to_have_text("Request a consultation")
    fill_patient_details(phone)
    phone.set_input_files("#id_reports", str(REPORT))
    phone.check("#id_health_data_consent")
    phone.get_by_role("button", name="Send my request").click()
    assert reference_on(phone)
    screenshot(phone, "thank-you-phone")


def test_patient_asks_for_travel_help_only(desktop):
    desktop.goto("/travel-assistance/")
    desktop.fill("#id_full_name", "Kwame Mensah")
    desktop.fill("#id_email", "kwame@example.com")
    desktop.fill("#id_phone", "+233 24 123 4567")
    desktop.check("input[name=services][value=visa_letter]")
    desktop.check("input[name=services][value=air_ambulance]")
    desktop.fill("#id_departure_city", "Accra")
    desktop.select_option("#id_departure_country", "GH")
    desktop.check("#id_destination_undecided")
    desktop.check("#id_dates_flexible")
    desktop.fill("#id_current_hospital", "Korle Bu Teaching Hospital")
    desktop.fill("#id_clinical_summary", "Stable, needs oxygen during the flight")
    desktop.fill("#id_air_ambulance_urgency", "Within two weeks")
    desktop.fill("#id_treating_doctor_contact", "Dr Owusu, +233 30 000 0000")
    desktop.check("#id_health_data_consent")
    desktop.get_by_role("button", name="Send my request").click()
    assert reference_on(desktop)


def test_patient_corrects_mistakes_without_retyping(desktop):
    desktop.goto("/request-a-consultation/")
    fill_patient_details(desktop, email="amina@")
    desktop.get_by_role("button", name="Send my request").click()

    summary = desktop.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter an e-mail address in the right format")
    expect(summary).to_contain_text("Tick the box to agree")
    screenshot(desktop, "consultation-errors-desktop")
    summary.get_by_role("link", name=re.compile("e-mail address")).click()
    expect(desktop.locator("#id_email")).to_be_focused()
    expect(desktop.locator("#id_full_name")).to_have_value("Amina Bello")
    expect(desktop.locator("#id_condition")).to_have_value(re.compile("relapsed after CAR T"))

    desktop.fill("#id_email", "amina@example.com")
    desktop.check("#id_health_data_consent")
    desktop.get_by_role("button", name="Send my request").click()
    assert reference_on(desktop)


KEYBOARD_ANSWERS = {
    "id_submitted_by_0": ["Space"],
    "id_full_name": "Leila Haddad",
    "id_age_or_birth_year": "1968",
    "id_country_of_residence": "Jordan",
    "id_nationality": "Jordan",
    "id_email": "leila@example.com",
    "id_phone": "+962 7 9012 3456",
    "id_condition": "Multiple myeloma, second relapse",
    "id_treatment": "Not sure",
    "id_health_data_consent": ["Space"],
}


def test_the_form_can_be_filled_in_with_the_keyboard_alone(desktop):
    desktop.goto("/request-a-consultation/")
    answered = set()
    for _ in range(200):
        desktop.keyboard.press("Tab")
        focused = desktop.evaluate("document.activeElement.id || document.activeElement.innerText")
        answer = KEYBOARD_ANSWERS.get(focused)
        if answer and focused not in answered:
            answered.add(focused)
            if isinstance(answer, list):
                for key in answer:
                    desktop.keyboard.press(key)
            else:
                desktop.keyboard.type(answer)
        if focused == "Send my request":
            break
    assert answered == set(KEYBOARD_ANSWERS)
    desktop.keyboard.press("Enter")
    assert reference_on(desktop)


def test_coordinator_finds_and_works_the_new_enquiry(desktop, browser, server):
    patient = browser.new_page(base_url=server)
    patient.goto("/request-a-consultation/")
    fill_patient_details(patient, name="Farida Yusuf", email="farida@example.com")
    patient.set_input_files("#id_reports", str(REPORT))
    patient.check("#id_health_data_consent")
    patient.get_by_role("button", name="Send my request").click()
    reference = reference_on(patient)
    patient.close()

    log_in(desktop, "coordinator")
    panel = desktop.locator("section[aria-labelledby=enquiries-panel-heading]")
    expect(panel).to_contain_text("New")
    panel.get_by_role("link", name=re.compile(r"\d+ New")).click()
    desktop.get_by_role("link", name=reference).click()
    expect(desktop.locator("main")).to_contain_text("Farida Yusuf")

    desktop.get_by_role("button", name="Assign to me").click()
    expect(desktop.locator("main")).to_contain_text("Assigned to Chioma Obi")
    desktop.fill("textarea[name=text]", "Called the family; waiting for the PET scan.")
    desktop.get_by_role("button", name="Add note").click()
    expect(desktop.locator(".enquiry-note")).to_contain_text("waiting for the PET scan")
    desktop.select_option("select[name=status]", "contacted")
    desktop.get_by_role("button", name="Change status").click()
    expect(desktop.locator(".enquiry-timeline")).to_contain_text("Status: New → Contacted")

    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="report.pdf").click()
    assert download.value.suggested_filename == "report.pdf"
    screenshot(desktop, "enquiry-admin-desktop")


def test_pairing_page_shows_once_when_the_login_page_had_no_time_to_load_the_icons(desktop):
    # A quick sign-in leaves the login page before its icons arrive, so the pairing page fetches
    # them and puts the reply in the page; a redirect there used to show the page twice over.
    desktop.route("**/admin/sprite/**", lambda route: route.abort())
    desktop.goto("/admin/login/")
    desktop.unroute("**/admin/sprite/**")
    submit_password(desktop, "new-coordinator")
    expect(desktop.locator("[data-sprite] > *")).not_to_have_count(0)
    expect(desktop.locator("[data-two-factor-secret]")).to_have_count(1)
    expect(desktop.locator("form")).to_have_count(1)
    pair_authenticator(desktop)
    expect(desktop.get_by_role("heading", name="Enquiries", exact=True)).to_be_visible()


def test_editor_change_goes_live_after_medical_review(browser, server):
    editor = browser.new_page(base_url=server)
    log_in(editor, "editor")
    editor.goto("/admin/pages/search/?q=CAR+T-cell+therapy+does+not+work")
    editor.get_by_role("link", name=re.compile("What happens if CAR T-cell")).first.click()
    new_title = "What happens if CAR T-cell therapy does not work? (updated)"
    editor.fill("#id_title", new_title)
    editor.locator("[data-w-dropdown-target=toggle]").last.click()
    editor.get_by_role("button", name=re.compile("Submit to Medical review")).click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    editor.close()

    reviewer = browser.new_page(base_url=server)
    log_in(reviewer, "reviewer")
    awaiting = reviewer.locator("#awaiting-review-section, [id^=awaiting-review]").first
    expect(awaiting).to_contain_text(new_title)
    awaiting.get_by_role("button", name="Actions").first.click()
    awaiting.get_by_role("button", name="Approve", exact=True).click()
    expect(reviewer.get_by_text("Awaiting your review")).to_have_count(0)
    reviewer.goto("/articles/what-if-car-t-cell-therapy-fails/")
    expect(reviewer.locator("h1")).to_have_text(new_title)
    today = datetime.date.today().strftime("%-d %B %Y")
    expect(reviewer.locator(".review-status")).to_contain_text(f"Amara Okafor, on {today}")
    reviewer.close()
