"""Organisation details and navigation that every page shows, edited under Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from content.blocks import PROSE_FEATURES, LinkBlock


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        choices=[
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("youtube", "YouTube"),
            ("x", "X"),
        ]
    )
    url = blocks.URLBlock()

    class Meta:
        icon = "link-external"


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    organisation_name = models.CharField(
        max_length=120, default="CareBridge Medical Travel", help_text=_("Shown in the header.")
    )
    phone = models.CharField(
        max_length=40, blank=True, help_text=_("With country code, for example +44 20 7946 0000.")
    )
    whatsapp = models.CharField(
        max_length=40, blank=True, help_text=_("WhatsApp number with country code, digits only.")
    )
    email = models.EmailField(blank=True, help_text=_("Where patients can write to the team."))
    address = models.TextField(max_length=400, blank=True)
    opening_hours = models.CharField(
        max_length=200, blank=True, help_text=_("For example 'Monday to Saturday, 8:00–20:00 GMT'.")
    )
    medical_disclaimer = RichTextField(
        features=PROSE_FEATURES,
        blank=True,
        help_text=_("Shown at the end of every article: education, not medical advice."),
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("For example the privacy notice and how to contact us."),
    )
    main_navigation = StreamField(
        [("link", LinkBlock())], blank=True, help_text=_("The links across the top of every page.")
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organisation_name"),
                    MultiFieldPanel(
                        [
                            FieldPanel("phone"),
                            FieldPanel("whatsapp"),
                            FieldPanel("email"),
                            FieldPanel("address"),
                            FieldPanel("opening_hours"),
                        ],
                        heading=_("Contact details"),
                    ),
                    FieldPanel("medical_disclaimer"),
                ],
                heading=_("Organisation"),
            ),
            ObjectList(
                [
                    FieldPanel("main_navigation"),
                    FieldPanel("footer_links"),
                    FieldPanel("social_links"),
                ],
                heading=_("Navigation"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("site settings")

    @property
    def whatsapp_url(self):
        digits = "".join(ch for ch in self.whatsapp if ch.isdigit())
        return f"https://wa.me/{digits}" if digits else ""
