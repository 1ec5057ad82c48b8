"""axe-core on every kind of public page, on a phone and a desktop, with screenshots."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import screenshot
from tests.e2e.test_journeys import fill_patient_details

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
axe = Axe()


def submit(page):
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_load_state()


def fill_valid_consultation(page):
    fill_patient_details(page)
    page.check("#id_health_data_consent")
    submit(page)


PAGES = {
    "home": ("/", None),
    "article": ("/articles/what-if-car-t-cell-therapy-fails/", None),
    "articles": ("/articles/", None),
    "topic": ("/articles/topics/car-t-cell-therapy/", None),
    "faq": ("/frequently-asked-questions/", None),
    "search": ("/search/?q=visa", None),
    "search-no-results": ("/search/?q=xylophone", None),
    "consultation-form": ("/request-a-consultation/", None),
    "consultation-form-errors": ("/request-a-consultation/", submit),
    "travel-form": ("/travel-assistance/", None),
    "travel-form-errors": ("/travel-assistance/", submit),
    "thank-you": ("/request-a-consultation/", fill_valid_consultation),
}


@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_aa_violations(name, device, request):
    page = request.getfixturevalue(device)
    path, action = PAGES[name]
    page.goto(path)
    if action:
        action(page)
    screenshot(page, f"{name}-{device}")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
