from django import forms, template

register = template.Library()

CHOICE_GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.simple_tag
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


@register.filter
def is_choice_group(field):
    return isinstance(field.field.widget, CHOICE_GROUP_WIDGETS)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def section_fields(form, names):
    return [form[name] for name in names]
