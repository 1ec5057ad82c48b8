from django.shortcuts import render

from wagtail.models import Page

from content.models import ArticleIndexPage, Topic
from content.models.pages import ARTICLES_PER_PAGE

MAX_QUERY_LENGTH = 200
# Nobody reads a hundred pages of results; a bigger number is a mistyped or made-up address.
MAX_SEARCH_PAGE = 100


def clean_query(raw):
    """Words to search for, without control characters (a NUL byte breaks database queries)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def page_number(request):
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_SEARCH_PAGE else 1


def search(request):
    """Pages matching the query, best first, a page at a time.

    Whether more follow is known by fetching one result more than a page holds: counting every
    match would cost as much again as ranking them.
    """
    query = clean_query(request.GET.get("q", ""))
    results = more = None
    number = page_number(request)
    if query:
        start = (number - 1) * ARTICLES_PER_PAGE
        pages = Page.objects.live().public().specific().search(query)
        found = list(pages[start : start + ARTICLES_PER_PAGE + 1])
        if not found and number > 1:  # past the last page: show the first
            number, found = 1, list(pages[: ARTICLES_PER_PAGE + 1])
        results, more = found[:ARTICLES_PER_PAGE], len(found) > ARTICLES_PER_PAGE
    return render(
        request,
        "pages/search_results.html",
        {
            "query": query,
            "results": results,
            "page_number": number,
            "previous_page": number - 1 if number > 1 else None,
            "next_page": number + 1 if more else None,
            "topics": Topic.objects.all(),
            "articles_index": ArticleIndexPage.objects.live().first(),
        },
    )
