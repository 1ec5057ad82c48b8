from django.shortcuts import render

from wagtail.models import Page

from content.models import ArticleIndexPage, Topic
from content.models.pages import paginate

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        results = paginate(request, pages)
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
