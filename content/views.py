from django.shortcuts import render

from wagtail.models import Page

from content.models import ArticleIndexPage, Topic
from content.pagination import results_page

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
        results = results_page(request, Page.objects.live().public().specific().search(query))
    return render(
        request,
        "pages/search_results.html",
        {
            "query": query,
            "results": results,
            "topics": Topic.objects.all(),
            "articles_index": ArticleIndexPage.objects.live().first(),
        },
    )
