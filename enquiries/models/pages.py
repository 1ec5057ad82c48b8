"""The pages patients ask for help on. Editors write the words; the form is fixed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from content.blocks import PROSE_FEATURES
from content.models.pages import SitePageMixin


class EnquiryFormPage(SitePageMixin, RoutablePageMixin, Page):
    introduction = RichTextField(
        features=PROSE_FEATURES,
        blank=True,
        help_text=_("What the request is for and what happens after it is sent."),
    )
    privacy_note = RichTextField(
        features=PROSE_FEATURES,
        help_text=_("Shown beside the consent box: who sees the data and how long it is kept."),
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The full privacy notice. Its published version is stored with each request."),
    )
    thank_you_text = RichTextField(
        features=PROSE_FEATURES,
        help_text=_("Shown with the reference after a request is sent."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("privacy_note"), FieldPanel("privacy_notice")], heading=_("Privacy")
        ),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True

    @property
    def privacy_notice_version(self):
        notice = self.privacy_notice
        if notice is None:
            return "none"
        published = notice.last_published_at
        return f"page {notice.pk} rev {notice.live_revision_id} ({published:%Y-%m-%d})"

    @path("")
    def form_view(self, request):
        from enquiries.views import enquiry_form

        return enquiry_form(request, self)

    @path("thank-you/", name="thank_you")
    def thank_you_view(self, request):
        from enquiries.views import enquiry_thank_you

        return enquiry_thank_you(request, self)


class ConsultationRequestPage(EnquiryFormPage):
    """The consultation request: health details, with travel needs if the patient wants."""

    template = "pages/enquiry_form_page.html"
    request_kind = "consultation"

    class Meta:
        verbose_name = _("consultation request page")


class TravelRequestPage(EnquiryFormPage):
    """The travel-assistance request: visas, flights, stays, air ambulance."""

    template = "pages/enquiry_form_page.html"
    request_kind = "travel"

    class Meta:
        verbose_name = _("travel-assistance request page")
