"""Records that pages share: topics, people, FAQ entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from content.blocks import PROSE_FEATURES


class Topic(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=80, help_text=_("For example: 'CAR T-cell therapy'."))
    slug = models.SlugField(
        max_length=80, help_text=_("Used in the topic page's address; lower case and hyphens.")
    )
    description = models.TextField(
        max_length=400, blank=True, help_text=_("One or two sentences shown on the topic page.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    """An author or a medical reviewer, shown on the articles they wrote or reviewed."""

    name = models.CharField(max_length=120, help_text=_("Full name, with a title if used: 'Dr'."))
    credentials = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Qualifications readers can check, for example 'MD, FRCPath'."),
    )
    role = models.CharField(
        max_length=120, blank=True, help_text=_("For example 'Consultant haematologist'.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A head-and-shoulders photo, square."),
    )
    bio = models.TextField(max_length=600, blank=True, help_text=_("Two or three sentences."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_(
            "For medical reviewers: their admin account, so that approving an article "
            "records them as its reviewer."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class FAQEntry(TranslatableMixin, index.Indexed, models.Model):
    """One question and its answer, shown wherever editors choose it."""

    question = models.CharField(max_length=200, help_text=_("As a patient would ask it."))
    answer = RichTextField(
        features=PROSE_FEATURES, help_text=_("Plain language; a short paragraph or a list.")
    )

    panels = [FieldPanel("question"), FieldPanel("answer")]
    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["question"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self):
        return self.question
