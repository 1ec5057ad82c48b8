"""Page types editors build the site from."""

import copy
import datetime
import functools
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from content.blocks import ArticleBodyBlock, FAQSectionBlock, heading_anchor
from content.cache import kept_until_content_changes
from content.forms import ArticlePageForm
from content.models.snippets import Person, Topic
from content.pagination import results_page
from content.sql import Columns, column, fetch_all, quote

WORDS_PER_MINUTE = 200
HTML_TAG = re.compile(r"<[^>]*>")
MAX_RELATED_LINKS = 6
# How many articles sharing a topic stand in for related reading that editors did not choose.
RELATED_BY_TOPIC = 3
# What an article card shows (components/article_card.html), and the link's URL path.
CARD_FIELDS = ["title", "url_path", "summary", "last_reviewed"]
# Wagtail's tree paths hold 255 characters, four a level.
MAX_TREE_DEPTH = 255 // Page.steplen


def view_restricted_paths():
    """The tree paths of the pages under a view restriction, by page id.

    Wagtail fetches the restrictions on every request; they change rarely, and changing one
    moves the content version on, so each process keeps them until then.
    """
    return kept_until_content_changes(
        "view restrictions",
        lambda: dict(PageViewRestriction.objects.values_list("page_id", "page__path")),
    )


def public(pages):
    """The pages no one has to sign in or give a password to see, as Wagtail's .public()."""
    below_a_restriction = Q()
    for tree_path in set(view_restricted_paths().values()):
        below_a_restriction |= Q(path__startswith=tree_path)
    return pages.exclude(below_a_restriction) if below_a_restriction else pages


def people_by_id():
    """Every author and reviewer, by id.

    A few dozen at most, and shown on every article, so each process keeps them until the content
    changes, as saving a person does: an article fetches the ids of its authors alone.
    """
    return kept_until_content_changes("people", Person.objects.in_bulk)


@functools.cache
def _linked_query():
    """An article's references, and the ids of its authors, chosen related articles and topics.

    One written-out query (content/sql.py) rather than a queryset for each. A row is its list's
    name, then a reference's columns; the other lists fill in the id and sort order alone.
    """
    references = Columns(ArticleReference)
    names = [field.attname for field in references.fields]

    def select(kind, model, id_field, page_field, order_field):
        values = {
            "id": column(model, id_field),
            "sort_order": column(model, order_field) if order_field else "0",
        }
        listed = ", ".join(values.get(name, "NULL") for name in names)
        # Only names from the models' own metadata; the page's id is a parameter.
        return (
            f"SELECT '{kind}', {listed} "  # noqa: S608
            f"FROM {quote(model._meta.db_table)} WHERE {column(model, page_field)} = %s"
        )

    sql = " UNION ALL ".join(
        [
            # First: its columns' types are the union's, which the others' NULLs take on.
            f"SELECT 'references', {references.sql} "  # noqa: S608
            f"FROM {quote(ArticleReference._meta.db_table)} "
            f"WHERE {column(ArticleReference, 'page')} = %s",
            select("authors", ArticleAuthor, "person", "page", "sort_order"),
            select("related", ArticleRelatedLink, "article", "page", "sort_order"),
            select("topics", ArticlePage.topics.through, "topic", "articlepage", None),
        ]
    )
    return sql, references, names.index("id"), names.index("sort_order")


def _publication_order(article):
    """Oldest first: the reverse of how topics rank their articles below, an undated one last."""
    return (
        article.first_published_at or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        article.pk,
    )


def newest_articles_by_topic():
    """Each topic's newest public articles, by topic id: every article's related reading.

    Articles whose editors chose no related reading show the newest sharing a topic. These few
    short lists serve every article, so each process keeps them until the content changes, as
    publishing, unpublishing or moving an article, or changing its topics, does.
    """
    return kept_until_content_changes("newest articles by topic", _fetch_newest_articles_by_topic)


def _fetch_newest_articles_by_topic():
    newest_first = [
        F("articlepage__first_published_at").desc(nulls_last=True),
        F("articlepage_id").desc(),
    ]
    tagging = (
        ArticlePage.topics.through.objects.filter(
            articlepage__in=public(ArticlePage.objects.live())
        )
        .annotate(rank=Window(RowNumber(), partition_by="topic_id", order_by=newest_first))
        # One more than is shown: the article being read may be among its topics' newest.
        .filter(rank__lte=RELATED_BY_TOPIC + 1)
        .select_related("articlepage")
        .only(
            "topic_id", *(f"articlepage__{name}" for name in [*CARD_FIELDS, "first_published_at"])
        )
    )
    by_topic = defaultdict(list)
    for tag in tagging:
        by_topic[tag.topic_id].append(tag.articlepage)
    return dict(by_topic)


def _texts(raw):
    """The text in a StreamField's stored data, without converting its blocks to values."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, Mapping):
        for key, value in raw.items():
            if key not in ("type", "id"):
                yield from _texts(value)
    elif isinstance(raw, Sequence):
        for item in raw:
            yield from _texts(item)


def specific_for_serving(pk, content_type_id):
    """The page as its own type, with what its template shows fetched in the same query."""
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    return model.objects.select_related(*getattr(model, "serve_select_related", ())).get(pk=pk)


@functools.cache
def _routing_query(path_count):
    """The pages at path_count URL paths in a locale, an article whole with its hero image.

    Written out, as the few queries every article render runs (content/sql.py): Django builds
    and compiles this joined query more slowly than the database answers it.
    """
    pages, articles = Columns(Page), Columns(ArticlePage)
    joined = [
        (field, Columns(field.related_model, alias=f"joined{number}"))
        for number, field in enumerate(
            map(ArticlePage._meta.get_field, ArticlePage.serve_select_related)
        )
    ]
    page_table, article_table = (quote(model._meta.db_table) for model in (Page, ArticlePage))
    joins = [
        f"LEFT JOIN {article_table} ON {article_table}.{column(ArticlePage, 'page_ptr')} "
        f"= {page_table}.{column(Page, 'id')}",
        *(
            f"LEFT JOIN {quote(columns.model._meta.db_table)} {quote(columns.alias)} "
            f"ON {quote(columns.alias)}.{quote(field.target_field.column)} "
            f"= {article_table}.{quote(field.column)}"
            for field, columns in joined
        ),
    ]
    paths = ", ".join(["%s"] * path_count)
    # Only names from the models' own metadata; the paths and locale are parameters.
    sql = (
        f"SELECT {', '.join([articles.sql, *(columns.sql for _field, columns in joined)])} "  # noqa: S608
        f"FROM {page_table} {' '.join(joins)} "
        f"WHERE {page_table}.{column(Page, 'url_path')} IN ({paths}) "
        f"AND {page_table}.{column(Page, 'locale')} = %s"
    )

    def page(row):
        article = articles.instance(row[: len(articles)])
        if article is None:
            # An article's columns begin with those of Page, which any other page is served as.
            return pages.instance(row[: len(pages)])
        start = len(articles)
        for field, columns in joined:
            field.set_cached_value(article, columns.instance(row[start : start + len(columns)]))
            start += len(columns)
        return article

    return sql, page


def pages_at(url_paths, locale_id):
    """The pages at these URL paths in the locale: articles as their own type, others as Page."""
    sql, page = _routing_query(len(url_paths))
    return [page(row) for row in fetch_all(sql, [*url_paths, locale_id])]


def _found_for_serving(candidate):
    """The page routing found, as its own type: an article came whole with the routing query."""
    if isinstance(candidate, ArticlePage):
        return candidate
    return specific_for_serving(candidate.pk, candidate.content_type_id)


@functools.lru_cache(maxsize=20_000)
def _served_at(script_prefix, language, path):
    """The address Django reverses for Wagtail's page view and this path under a site root.

    Kept per script prefix and language, the two things a reversal depends on besides the path.
    """
    return reverse("wagtail_serve", args=(path,))


class SitePageMixin:
    """What every page type of the site shares.

    Its descriptions, its address, and its ancestors, fetched once for its breadcrumbs and
    Wagtail's view-restriction check.
    """

    @cached_property
    def ancestors(self):
        return list(self.get_ancestors())

    def get_url_parts(self, request=None):
        # As Wagtail's own, with the address reversed once per path rather than for every link:
        # an article links to ten or more pages, and each reversal took longer than the rest of
        # working out the link. Pages are served without a language prefix (portal/urls.py).
        # A page in no site, or in several, is left to Wagtail.
        sites = self._get_relevant_site_root_paths(request)
        if len({site_id for site_id, *_ in sites}) != 1:
            return super().get_url_parts(request)
        site_id, root_path, root_url, _language = sites[0]
        path = self.url_path[len(root_path) :]
        return site_id, root_url, _served_at(get_script_prefix(), get_language(), path)

    def get_view_restrictions(self):
        # As Wagtail's own: the page's and its ancestors' restrictions, an alias taking those
        # of the page it copies. Most often none applies, and no query is needed to know it.
        pages = {page.alias_of_id or page.pk for page in (self, *self.ancestors)}
        if pages.isdisjoint(view_restricted_paths()):
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=pages)

    @property
    def blurb(self):
        """The reader-facing summary first, for listings and search results."""
        return getattr(self, "summary", "") or self.search_description or self._opening_text

    @property
    def meta_description(self):
        """The description written for search engines first."""
        return self.search_description or getattr(self, "summary", "") or self._opening_text

    @property
    def _opening_text(self):
        return strip_tags(getattr(self, "introduction", ""))


class HomePage(SitePageMixin, Page):
    """The front page: what the organisation does, featured articles, topics and how to ask."""

    introduction = models.TextField(
        max_length=400, help_text=_("One or two sentences under the main heading.")
    )
    cta_heading = models.CharField(
        _("call-to-action heading"),
        max_length=120,
        default=_("Talk to a care coordinator"),
        help_text=_("Invites readers to ask for help."),
    )
    cta_text = models.TextField(_("call-to-action text"), max_length=400, blank=True)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call-to-action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Usually the consultation request page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("featured_articles", label=_("Featured articles"), max_num=6),
        MultiFieldPanel(
            [FieldPanel("cta_heading"), FieldPanel("cta_text"), FieldPanel("cta_page")],
            heading=_("Call to action"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    def route(self, request, path_components):
        """Find a page deeper in the site with one query on URL paths, not one per level.

        The page whose URL path is the whole address serves it. Otherwise the deepest routable
        page above it (the articles index, for a topic page) routes the rest, as it would when
        walking down the tree level by level. The pages found on the way are the page's
        ancestors below this one: its breadcrumbs and view-restriction check need no query.
        """
        if not path_components:
            return super().route(request, path_components)
        if len(path_components) > MAX_TREE_DEPTH:
            raise Http404
        levels = {
            f"{self.url_path}{'/'.join(path_components[:count])}/": count
            for count in range(1, len(path_components) + 1)
        }
        # Articles are most of what is read: one comes whole, with what its template shows, in
        # the same query. Sorted here: the few pages found need no ORDER BY.
        found = sorted(pages_at(list(levels), self.locale_id), key=lambda page: page.depth)
        for candidate in reversed(found):
            consumed = levels[candidate.url_path]
            model = candidate.specific_class
            routable = model is not None and issubclass(model, RoutablePageMixin)
            if consumed == len(path_components) or routable:
                page = _found_for_serving(candidate)
                above = [ancestor for ancestor in found if ancestor.depth < page.depth]
                page.ancestors = [*self.ancestors, self, *above]
                return page.route(request, path_components[consumed:])
        raise Http404

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = HomeFeaturedArticle.objects.filter(page_id=self.pk, article=OuterRef("pk"))
        context["featured"] = (
            public(ArticlePage.objects.live())
            .only(*CARD_FIELDS)
            .filter(Exists(chosen))
            .annotate(featured_order=Subquery(chosen.values("sort_order")[:1]))
            .order_by(F("featured_order").asc(nulls_last=True), "-first_published_at")
        )
        context["topics"] = Topic.objects.all()
        context["articles_index"] = ArticleIndexPage.objects.live().first()
        return context


class HomeFeaturedArticle(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey("content.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class ArticleIndexPage(SitePageMixin, RoutablePageMixin, Page):
    """Lists every article, newest first, with a page per topic."""

    introduction = models.TextField(max_length=400, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]
    max_count = 1
    template = "pages/article_index_page.html"

    def articles(self):
        return (
            public(ArticlePage.objects.live())
            .only(*CARD_FIELDS)
            .descendant_of(self)
            .order_by("-first_published_at", "pk")
        )

    @path("")
    def index(self, request):
        articles = self.articles()
        topic = None
        if topic_slug := request.GET.get("topic"):
            topic = Topic.objects.filter(slug=topic_slug).first()
            if topic is None:
                raise Http404
            articles = articles.filter(topics=topic)
        return self.render(
            request,
            context_overrides={
                "topic": topic,
                "topics": Topic.objects.all(),
                "articles": results_page(request, articles),
            },
        )

    @path("topics/<slug:slug>/", name="topic")
    def topic(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug)
        return self.render(
            request,
            template="pages/topic_page.html",
            context_overrides={
                "topic": topic,
                "articles": results_page(request, self.articles().filter(topics=topic)),
            },
        )


class ArticlePage(SitePageMixin, Page):
    """A plain-language article, signed off by a medical reviewer, with its sources."""

    summary = models.TextField(
        max_length=300,
        help_text=_(
            "One or two sentences on what the reader will learn. Shown in listings and "
            "search results, and used as the description search engines show."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Shown at the top of the article, landscape."),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: describe what it shows for people who cannot see it."),
    )
    body = StreamField(ArticleBodyBlock())
    reviewer = models.ForeignKey(
        "content.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_articles",
        help_text=_("The clinician who checked this article's medical content."),
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text=_("When the reviewer last signed the article off.")
    )
    next_review_due = models.DateField(
        null=True, blank=True, help_text=_("When the article must be checked again.")
    )
    topics = ParentalManyToManyField(
        "content.Topic",
        blank=True,
        related_name="articles",
        help_text=_("Decides where the article is listed and which articles are related."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        FieldPanel("topics"),
        InlinePanel("authors", label=_("Authors")),
        MultiFieldPanel(
            [FieldPanel("reviewer"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading=_("Medical review"),
        ),
        InlinePanel("references", label=_("References")),
        InlinePanel("related_links", label=_("Related articles"), max_num=MAX_RELATED_LINKS),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"
    base_form_class = ArticlePageForm
    serve_select_related = ["hero_image"]

    class Meta:
        verbose_name = _("article")

    def get_admin_display_title(self):
        """Shows the review state in the page explorer."""
        title = super().get_admin_display_title()
        if self.next_review_due and self.next_review_due <= timezone.localdate():
            return _("%(title)s (review overdue)") % {"title": title}
        if self.next_review_due:
            return _("%(title)s (review due %(date)s)") % {
                "title": title,
                "date": self.next_review_due.isoformat(),
            }
        return _("%(title)s (not reviewed)") % {"title": title}

    def clean(self):
        super().clean()
        if self.hero_image and not self.hero_image_alt:
            raise ValidationError(
                {"hero_image_alt": _("Describe the hero image for people who cannot see it.")}
            )
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must come after the last one.")}
            )

    @cached_property
    def reading_time_minutes(self):
        words = sum(len(HTML_TAG.sub(" ", text).split()) for text in _texts(self.body.raw_data))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def table_of_contents(self):
        return [
            {"anchor": heading_anchor(block.value), "text": block.value["text"]}
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]

    @cached_property
    def faq_entries(self):
        return [
            entry
            for block in self.body
            if block.block_type == "faq"
            for entry in block.value["questions"]
            if entry is not None
        ]

    def linked(self, request):
        """Its references, and the ids of its authors, of the related articles editors chose and
        of its topics.

        A preview shows the edit form's lists, not yet saved. A live article's come in one query,
        each list in the editors' order: rows added outside the admin may have no sort order,
        and come after the rest.
        """
        if getattr(request, "is_preview", False):
            return {
                "references": list(self.references.all()),
                "authors": [author.person_id for author in self.authors.all()],
                "related": [link.article_id for link in self.related_links.all()],
                "topics": [topic.pk for topic in self.topics.all()],
            }
        sql, references, id_index, order_index = _linked_query()
        rows = fetch_all(sql, [self.pk] * 4)
        linked = {"references": [], "authors": [], "related": [], "topics": []}
        order = 1 + order_index  # after the list's name
        for kind, *values in sorted(rows, key=lambda row: (row[order] is None, row[order] or 0)):
            if kind == "references":
                linked[kind].append(references.instance(values))
            else:
                linked[kind].append(values[id_index])
        return linked

    def related_articles(self, chosen_ids, topic_ids):
        """The articles editors chose, in their order, or else the newest sharing a topic."""
        if chosen_ids := chosen_ids[:MAX_RELATED_LINKS]:
            articles = public(ArticlePage.objects.live()).only(*CARD_FIELDS).exclude(pk=self.pk)
            found = articles.in_bulk(chosen_ids)
            return [found[article_id] for article_id in chosen_ids if article_id in found]
        newest = newest_articles_by_topic()
        sharing_a_topic = {
            article.pk: article
            for topic_id in topic_ids
            for article in newest.get(topic_id, ())
            if article.pk != self.pk
        }
        ranked = sorted(sharing_a_topic.values(), key=_publication_order, reverse=True)
        # Each use gets its own copy: a page may keep per-request state on itself.
        return [copy.copy(article) for article in ranked[:RELATED_BY_TOPIC]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = people_by_id()
        # Filled in as Django's own cache of the relation, which templates then read.
        ArticlePage.reviewer.field.set_cached_value(self, copy.copy(people.get(self.reviewer_id)))
        linked = self.linked(request)
        context["authors"] = [copy.copy(people[pk]) for pk in linked["authors"] if pk in people]
        context["references"] = linked["references"]
        context["related_articles"] = self.related_articles(linked["related"], linked["topics"])
        return context


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("content.Person", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("person")]


class ArticleReference(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="references")
    title = models.CharField(max_length=300, help_text=_("The title of the paper or page."))
    publisher = models.CharField(
        max_length=200, help_text=_("The journal, organisation or website that published it.")
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, help_text=_("For example 10.1056/NEJMoa1707447.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("year"),
        FieldPanel("url"),
        FieldPanel("doi"),
    ]

    @property
    def link(self):
        return self.url or (f"https://doi.org/{self.doi}" if self.doi else "")


class ArticleRelatedLink(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey("content.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class FAQPage(SitePageMixin, Page):
    """Questions patients ask, grouped under headings. Questions are shared FAQ snippets."""

    introduction = models.TextField(max_length=400, blank=True)
    body = StreamField([("section", FAQSectionBlock())])

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "pages/faq_page.html"

    class Meta:
        verbose_name = _("FAQ page")

    @cached_property
    def faq_entries(self):
        return [entry for block in self.body for entry in block.value["questions"] if entry]


class StandardPage(SitePageMixin, Page):
    """A simple page: about us, the privacy notice, how to get in touch."""

    introduction = models.TextField(max_length=400, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    template = "pages/standard_page.html"
