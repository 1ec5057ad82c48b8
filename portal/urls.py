from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import routing
from content.feeds import LatestArticlesFeed
from content.views import search
from portal import two_factor
from portal.views import health

urlpatterns = [
    path("admin/two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search, name="search"),
    path("healthz/", health, name="health"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/articles/", LatestArticlesFeed(), name="article_feed"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs, its page view swapped for one that finds the page in fewer queries.
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

handler500 = "portal.views.server_error"
