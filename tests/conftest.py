import pytest

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches

from wagtail.models import Page, Site

from content.models import SiteSettings
from tests.clients import StaffClient
from tests.factories import (
    ArticleIndexPageFactory,
    ConsultationRequestPageFactory,
    HomePageFactory,
    StandardPageFactory,
    TravelRequestPageFactory,
    UserFactory,
)


@pytest.fixture
def client():
    return StaffClient()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: rate limits, pages, fragments and renditions."""
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def home_page(db):
    """A home page serving as the default site's root, as in a real install."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    SiteSettings.load()
    return home


@pytest.fixture
def articles_index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def privacy_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    page.save_revision().publish()
    return page


@pytest.fixture
def consultation_page(home_page, privacy_page):
    return ConsultationRequestPageFactory(parent=home_page, privacy_notice=privacy_page)


@pytest.fixture
def travel_page(home_page, privacy_page):
    return TravelRequestPageFactory(parent=home_page, privacy_notice=privacy_page)


def _member_of(group_name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def coordinator(db):
    return _member_of("Enquiry coordinators", first_name="Chioma", last_name="Obi")


@pytest.fixture
def colleague(db):
    return _member_of("Enquiry coordinators", first_name="Ravi", last_name="Menon")


@pytest.fixture
def editor(db):
    return _member_of("Editors")


@pytest.fixture
def reviewer(db):
    return _member_of("Medical reviewers")
