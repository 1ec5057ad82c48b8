from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Drafts may be unfinished; what is published or sent for review must be complete."""

    def _live_references(self):
        formset = self.formsets["references"]
        return [
            form
            for form in formset.forms
            if form.is_valid()
            and form.cleaned_data.get("title")
            and not formset._should_delete_form(form)
        ]

    def clean(self):
        cleaned = super().clean()
        # Wagtail saves a draft when someone without publishing rights asks to publish.
        can_publish = self.instance.permissions_for_user(self.for_user).can_publish()
        publishing = "action-publish" in self.data and can_publish
        submitting = "action-submit" in self.data
        if not (publishing or submitting):
            return cleaned
        if not self._live_references():
            self.add_error(
                None,
                ValidationError(
                    _("Add at least one reference, so readers can check where the facts come from.")
                ),
            )
        if publishing and not cleaned.get("reviewer"):
            self.add_error(
                "reviewer",
                _(
                    "An article needs a medical reviewer before it is published. "
                    "Submit it for medical review instead."
                ),
            )
        return cleaned
