import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from wagtail.models import Page, Site

from tests.factories import (
    ArticleIndexPageFactory,
    ConsultationRequestPageFactory,
    HomePageFactory,
    StandardPageFactory,
    TravelRequestPageFactory,
    UserFactory,
)


class StaffClient(Client):
    """The test client, with force_login also passing two-step sign-in, as staff would."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "Test authenticator"}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client():
    return StaffClient()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as rate limits and page caches live there."""
    cache.clear()


@pytest.fixture
def home_page(db):
    """A home page serving as the default site's root, as in a real install."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
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
