"""Forms coordinators use in the admin to work enquiries."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enquiries.models import Enquiry
from enquiries.permissions import CHANGE_ENQUIRIES


def coordinators():
    """Active staff who may work enquiries, directly or through a group."""
    app_label, codename = CHANGE_ENQUIRIES.split(".")
    direct = Q(user_permissions__codename=codename)
    direct &= Q(user_permissions__content_type__app_label=app_label)
    via_group = Q(groups__permissions__codename=codename)
    via_group &= Q(groups__permissions__content_type__app_label=app_label)
    return (
        get_user_model()
        .objects.filter(Q(is_active=True) & (Q(is_superuser=True) | direct | via_group))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Enquiry.Status.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome (when closing)"),
        choices=[("", "—"), *Enquiry.Outcome.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Enquiry.Status.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome when closing an enquiry."))
        return cleaned


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = coordinators()


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only coordinators see notes. The timeline records that a note was added."),
    )


class PersonDataForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"))
    confirm_erasure = forms.BooleanField(
        label=_("I understand that erasing deletes every enquiry and file for this address."),
        required=False,
    )
