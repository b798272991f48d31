"""The Jinja2 environment of the fragments repeated per row (see TEMPLATES in settings.py).

Autoescaping is on (Django's Jinja2 backend sets it); `_()`, `gettext()` and `ngettext()` are
Django's own, so every call follows the request's active language and the German catalogue.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import engines
from django.utils import translation
from jinja2 import Environment


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_translations(translation, newstyle=True)
    env.filters["intcomma"] = intcomma
    return env


def macros(template_name: str):
    """The macros of a Jinja2 template, callable from Python: `macros(name).row(...)`."""
    return engines["jinja2"].env.get_template(template_name).module
