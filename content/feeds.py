from django.contrib.syndication.views import Feed
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from content.models import ArticlePage

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    title = _("Latest articles")
    description = _("New and updated patient guides.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        site = Site.find_for_request(self.request)
        return site.root_page.url if site else "/"

    def items(self):
        return ArticlePage.objects.live().public().order_by("-first_published_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
