import pytest

from wagtail.models import Page, Site

from tests.factories import ArticleIndexPageFactory, HomePageFactory


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
