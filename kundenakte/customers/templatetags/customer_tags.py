"""`{% status_badge status %}`: a customer status as the one badge the list also shows."""

from django import template

from kundenakte.jinja2 import macros

register = template.Library()


@register.simple_tag
def status_badge(status):
    # The badge is a Jinja2 macro because the customer list renders it fifty times a page;
    # Django templates share it through this tag, so there is one badge template.
    return macros("customers/status_badge.html").status_badge(status)
