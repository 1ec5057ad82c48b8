from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page

from content.models import ArticleIndexPage, Topic
from content.models.pages import public
from content.pagination import results_page
from content.routing import find_site

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Words to search for, without control characters (a NUL byte breaks database queries)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search(request):
    """Pages matching the query, best first, a page at a time."""
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        find_site(request)  # for the results' links
        pages = public(Page.objects.live()).defer_streamfields().specific()
        results = results_page(request, pages.search(query))
    return TemplateResponse(
        request,
        "pages/search_results.html",
        {
            "query": query,
            "results": results,
            # Shown only when nothing matched: fetched only then.
            "topics": Topic.objects.all(),
            "articles_index": SimpleLazyObject(ArticleIndexPage.objects.live().first),
        },
    )
