"""The Jinja2 environment of the fragments repeated per row (see TEMPLATES in settings.py).

Autoescaping is on (Django's Jinja2 backend sets it); `_()`, `gettext()` and `ngettext()` are
Django's own, so every call follows the request's active language and the German catalogue.
"""

import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import engines
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from jinja2 import Environment


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_translations(translation, newstyle=True)
    env.globals["url"] = url
    env.filters.update(intcomma=intcomma, short_date=short_date, truncatechars=truncatechars)
    return env


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def short_date(value: datetime.date | datetime.datetime | None) -> str:
    """As Django's `|date:"SHORT_DATE_FORMAT"`: a datetime on the day it is here, not in UTC."""
    return date_format(template_localtime(value), "SHORT_DATE_FORMAT") if value else ""


def truncatechars(value: str, length: int) -> str:
    return Truncator(value).chars(length)


def macros(template_name: str):
    """The macros of a Jinja2 template, callable from Python: `macros(name).row(...)`."""
    return engines["jinja2"].env.get_template(template_name).module
