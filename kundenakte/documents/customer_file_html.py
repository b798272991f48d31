"""The customer file's document sections: table rows and the revenue bar charts, and the
amounts they show.

The overview must answer in 20 ms however many documents a customer has. As Django template
nodes, ten rows of two tables and 17 bars of two charts cost about 10 ms; so the repeated parts
are Jinja2 macros (templates/jinja2/documents/customer_file_parts.html). The section templates
keep the frame (headings, empty states).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, get_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from kundenakte.jinja2 import macros

TEMPLATE = "documents/customer_file_parts.html"


def amount(value: Decimal, language: str | None = None) -> str:
    """floatformat(value, "2g"): "1.234,56" in German, "1,234.56" in English; `language` is the
    active one, for callers that have it at hand. The overview shows some forty amounts, and
    floatformat() costs ~30 µs each; for amounts to the cent this does the same in a tenth."""
    separators = _separators(language or get_language())
    if separators is None or value.as_tuple().exponent != -2:
        return floatformat(value, "2g")
    # floatformat writes no "-0,00"
    return f"{value if value else abs(value):,.2f}".translate(separators)


@lru_cache(maxsize=16)
def _separators(language: str) -> dict[int, str] | None:
    """The language's separators, to replace those of Python's "1,234.56" in one pass; None when
    it groups digits other than by threes."""
    if get_format("NUMBER_GROUPING", language) != 3:
        return None
    thousands = get_format("THOUSAND_SEPARATOR", language)
    return str.maketrans({",": thousands, ".": get_format("DECIMAL_SEPARATOR", language)})


def open_item_rows(items: Iterable) -> SafeString:
    """The rows of "Offene Posten"; `items` are documents.customer_file.OpenItem."""
    return mark_safe(macros(TEMPLATE).open_item_rows(items, amount))  # autoescaped


def quote_rows(items: Iterable) -> SafeString:
    """The rows of "Unbeantwortete Angebote"; `items` are documents.customer_file.OpenQuote."""
    return mark_safe(macros(TEMPLATE).quote_rows(items, amount))  # autoescaped


MILLION = Decimal(1_000_000)


def _grouped(value: Decimal, places: int, language: str) -> str:
    """`value` rounded to `places` decimals with the language's separators, fast like amount();
    a trailing ",0" dropped ("1 Mio.", "1,5 Mio.")."""
    separators = _separators(language)
    if separators is None:
        text = number_format(value, places, use_l10n=True, force_grouping=True)
    else:
        text = f"{value:,.{places}f}".translate(separators)
    if places and text.endswith(get_format("DECIMAL_SEPARATOR", language) + "0"):
        text = text[:-2]
    return "0" if text in ("-0", "") else text


def _millions(value: Decimal, language: str) -> str:
    return gettext("%(millions)s M") % {"millions": _grouped(value / MILLION, 1, language)}


def axis_amount(value: Decimal) -> str:
    """The label of a gridline: "10.000 €", from a million on "1,5 Mio. €"."""
    language = get_language()
    if abs(value) >= MILLION:
        return f"{_millions(value, language)} €"
    return f"{_grouped(value, 0, language)} €"


def _text_width(text: str) -> float:
    """A rough width of `text` in the chart's 11px type: digits and letters about 6 units,
    separators and spaces about 3 (measured in Chromium's and Firefox's sans-serif)."""
    return sum(3.0 if char in ".,  " else 6.0 for char in text)


def bar_amount(value: Decimal, *, room: float) -> str:
    """The value written on a bar, in whole euros ("12.345"), from a million on in millions
    when that is too wide ("1,2 Mio."), or "" when it does not fit `room` or is zero: the
    tooltip and the table for screen readers still give the exact amount."""
    if not value:
        return ""
    language = get_language()
    text = _grouped(value, 0, language)
    if _text_width(text) > room and abs(value) >= MILLION:
        text = _millions(value, language)
    return text if _text_width(text) <= room else ""


def _month_labels(key: datetime.date) -> tuple[str, str]:
    """ "November 2026" and "Nov": a month's full and axis label."""
    return date_format(key, "F Y"), date_format(key, "M")


def _year_labels(key: int) -> tuple[str, str]:
    return str(key), str(key)


def bar_chart_html(chart, *, monthly: bool) -> SafeString:
    """An inline SVG of `chart` (documents.customer_file.Chart) and a table of the same figures
    for screen readers."""
    labels = _month_labels if monthly else _year_labels
    return mark_safe(macros(TEMPLATE).bar_chart(chart, monthly, amount, labels))  # autoescaped
