import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _escaped(text):
    """What conditional_escape gives, without Django's check of each call for lazy arguments: a
    list of every country escapes five hundred strings."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


def _option(option):
    selected = " selected" if option["selected"] else ""
    value, label = _escaped(option["value"]), _escaped(option["label"])
    return f'<option value="{value}"{selected}>{label}</option>'


class LongSelect(forms.Select):
    """A select list of many choices (every country), its options rendered in Python.

    Django renders each option through a template of its own: for three lists of every country,
    that took most of a request page's time. The markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = "".join(_option(option) for option in options)
            if group_name:
                html = f'<optgroup label="{conditional_escape(group_name)}">{html}</optgroup>'
            groups.append(html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - every value and label escaped above
        )
