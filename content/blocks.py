"""StreamField blocks for articles and FAQ pages.

Headings and paragraphs, most of any article, render in Python; the rest with their templates.
"""

import copy

from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from content.cache import kept_until_content_changes
from content.sql import in_bulk

# Enough for plain-language prose; structure comes from the heading and callout blocks.
PROSE_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

STREAMFIELD_TEMPLATES = "components/streamfield"


class TextChoiceBlock(blocks.ChoiceBlock):
    """A choice whose values are text, read back as stored.

    Wagtail's ChoiceBlock searches its choices for each stored value, in case a value's type
    differs from its choice's; every heading of every article holds a choice.
    """

    def to_python(self, value):
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text=_("Keep it short: a question often works."))
    level = TextChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Sub-section (h3)"))],
        default="h2",
        help_text=_("Sections appear in the page's table of contents."),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text=_("Optional link name, for example 'next-steps'. Made from the text if empty."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")

    def render_basic(self, value, context=None):
        return format_html(
            '<{level} id="{anchor}">{text}</{level}>',
            level=value["level"],
            anchor=heading_anchor(value),
            text=value["text"],
        )


def heading_anchor(value):
    return slugify(value["anchor"] or value["text"])


def rich_text_html(value):
    """What Wagtail's |richtext filter gives, through its template `{{ html|safe }}`, without
    rendering that template for each piece of rich text: a page shows a dozen or more."""
    source = value.source if isinstance(value, RichText) else value or ""
    return mark_safe(expand_db_html(source))  # noqa: S308 - sanitised when saved


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PROSE_FEATURES, **kwargs)

    def render_basic(self, value, context=None):
        return rich_text_html(value)

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class CalloutBlock(blocks.StructBlock):
    kind = TextChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("warning", _("Warning")),
            ("urgent", _("Get urgent help if…")),
        ],
        default="info",
    )
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=PROSE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = f"{STREAMFIELD_TEMPLATES}/callout_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = f"{STREAMFIELD_TEMPLATES}/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = f"{STREAMFIELD_TEMPLATES}/quote_block.html"


class TableBlock(WagtailTableBlock):
    """Wagtail's table, in a labelled region that scrolls on its own when wider than a phone."""

    def render(self, value, context=None):
        return format_html(
            '<div class="table-wrapper" role="region" aria-label="{}" tabindex="0">{}</div>',
            value and value.get("table_caption") or _("Table"),
            super().render(value, context),
        )

    class Meta:
        icon = "table"
        label = _("Table")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(max_length=120, help_text=_("Names the video for screen readers."))
    transcript = blocks.RichTextBlock(
        required=False, features=PROSE_FEATURES, help_text=_("Shown under the video.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = f"{STREAMFIELD_TEMPLATES}/video_block.html"


class FAQEntryChooserBlock(SnippetChooserBlock):
    """Chooses a shared FAQ entry; its text is indexed with the page that shows it."""

    def __init__(self, **kwargs):
        super().__init__("content.FAQEntry", **kwargs)

    def bulk_to_python(self, values):
        """The entries chosen, None for one since deleted, from a written-out query: nearly
        every article shows some."""
        found = in_bulk(self.model_class, values)
        return [found.get(pk) for pk in values]

    def get_searchable_content(self, value):
        if value is None:
            return []
        return [value.question, strip_tags(value.answer)]


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, default=_("Frequently asked questions"), required=False
    )
    questions = blocks.ListBlock(
        FAQEntryChooserBlock(),
        help_text=_(
            "Questions are shared snippets: edit one and every page that shows it changes."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = f"{STREAMFIELD_TEMPLATES}/faq_block.html"


class RequestPageChooserBlock(blocks.PageChooserBlock):
    """Chooses the consultation or travel-assistance request page.

    Nearly every article links to one of these few pages, so each process keeps them until the
    content changes (content/cache.py) rather than fetching them again for every article.
    """

    def __init__(self, **kwargs):
        super().__init__(
            page_type=["enquiries.ConsultationRequestPage", "enquiries.TravelRequestPage"],
            **kwargs,
        )

    def bulk_to_python(self, values):
        fetch = super().bulk_to_python
        pages = kept_until_content_changes(("request pages", tuple(values)), lambda: fetch(values))
        # Each use gets its own copy: a page may keep per-request state on itself.
        return [copy.copy(page) for page in pages]


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=400, required=False)
    page = RequestPageChooserBlock(
        help_text=_("The consultation or travel-assistance request page.")
    )
    button_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = f"{STREAMFIELD_TEMPLATES}/call_to_action_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    table = TableBlock()
    video = VideoBlock()
    faq = FAQBlock()
    call_to_action = CallToActionBlock()


class FAQSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    questions = blocks.ListBlock(FAQEntryChooserBlock())

    class Meta:
        icon = "help"
        label = _("Group of questions")
        template = f"{STREAMFIELD_TEMPLATES}/faq_section_block.html"


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text=_("Only if the link leaves this site."))

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value["page"]) == bool(value["url"]):
            raise blocks.StructBlockValidationError(
                non_block_errors=[_("Choose a page or enter an address, not both.")]
            )
        return value
