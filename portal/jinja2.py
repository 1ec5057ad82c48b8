"""The Jinja2 environment the site's pages render with; the admin keeps Django's templates.

Wagtail's own extensions give pages {% include_block %}, pageurl() and the image tags; Django's
translations back {% trans %} and _(), as they back {% translate %}.
"""

from jinja2 import ChainableUndefined, Environment
from markupsafe import Markup

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

FRAGMENT_TIMEOUT = 60 * 60 * 24


def url(name, *args):
    return reverse(name, args=args)


def cached(name, *vary_on, caller):
    """What the {% call %} block renders, kept by name and vary_on as {% cache %} keeps it."""
    fragments = caches["template_fragments"]
    key = make_template_fragment_key(name, vary_on)
    html = fragments.get(key)
    if html is None:
        html = caller()
        fragments.set(key, html, FRAGMENT_TIMEOUT)
    return Markup(html)  # noqa: S704 - rendered by this environment, escaped as it rendered


def querystring(request, **changes):
    """The request's query string with these parameters set, as Django's {% querystring %}."""
    query = request.GET.copy()
    for name, value in changes.items():
        query[name] = value
    return f"?{query.urlencode()}"


def current_year():
    return timezone.localdate().year


def environment(**options):
    # As in Django's templates, a missing variable or attribute renders as nothing, in
    # development too: the error pages render without a request, so without settings.
    # Django's backend passes autoescape=True in the options.
    env = Environment(**options | {"undefined": ChainableUndefined})  # noqa: S701
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(
        static=static,
        url=url,
        cached=cached,
        querystring=querystring,
        current_year=current_year,
        get_language=translation.get_language,
    )
    # Django's own filters, for the same dates, truncations and line breaks as its templates.
    for name in ("capfirst", "date", "linebreaksbr", "truncatechars", "truncatewords"):
        env.filters[name] = getattr(defaultfilters, name)
    return env
