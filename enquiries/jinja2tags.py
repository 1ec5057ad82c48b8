"""What the request forms' templates add to Jinja2."""

from jinja2.ext import Extension

from django import forms

CHOICE_GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def form_widget(field):
    """The field's input, tied to its hint and error message for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


def is_choice_group(field):
    return isinstance(field.field.widget, CHOICE_GROUP_WIDGETS)


def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


def section_fields(form, names):
    return [form[name] for name in names]


class EnquiryFormsExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["form_widget"] = form_widget
        environment.filters.update(
            is_choice_group=is_choice_group,
            is_checkbox=is_checkbox,
            section_fields=section_fields,
        )
