"""Pages of articles and search results that know whether more follow without counting them all.

Counting every match costs a query as long as the listing itself (5,000 articles, or every page
a common word finds); fetching one item more than a page holds answers "is there a next page?".
"""

from dataclasses import dataclass

PER_PAGE = 10
# Nobody reads a hundred pages of results; a bigger number is a mistyped or made-up address.
MAX_PAGE = 100


@dataclass
class ResultsPage:
    items: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def requested_page_number(request):
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def results_page(request, results, per_page=PER_PAGE):
    """The requested page of `results` (a queryset or search results); past the end, the first."""
    number = requested_page_number(request)
    start = (number - 1) * per_page
    found = list(results[start : start + per_page + 1])
    if not found and number > 1:
        number, found = 1, list(results[: per_page + 1])
    return ResultsPage(items=found[:per_page], number=number, has_next=len(found) > per_page)
