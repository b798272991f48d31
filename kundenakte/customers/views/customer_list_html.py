"""The customer list's A–Z bar, menus, sort headers and pager as prepared HTML strings.

As template loops they were some 300 nodes, half the list template's time. Every value is
escaped here as autoescaping would; `html` arguments are escaped already.
"""

from html import escape

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kundenakte.customers.listing import WITH_NUMBER, WITHOUT_NUMBER


def classes() -> list[tuple[str, str]]:
    """The two classes of statuses with their menu labels."""
    return [
        (WITH_NUMBER, _("Customers with number")),
        (WITHOUT_NUMBER, _("Customers without number")),
    ]


# `html` arguments are escaped already.
_A = '<a{attrs} href="{url}" hx-get="{url}"{current}>{html}</a>'


def _a(url: str, html: str, current: bool = False, attrs: str = "") -> str:
    current_attr = ' aria-current="true"' if current else ""
    return _A.format(url=escape(url), html=html, current=current_attr, attrs=attrs)


def letter_bar(letters: list[dict], all_url: str, letter: str) -> SafeString:
    items = [_a(all_url, escape(_("All")), not letter)]
    for entry in letters:
        if entry["url"]:
            items.append(_a(entry["url"], escape(entry["letter"]), entry["current"]))
        else:
            items.append(f'<span aria-disabled="true">{escape(entry["letter"])}</span>')
    label = escape(_("First letter of the short name"))
    return SafeString(f'<nav class="letter-bar" aria-label="{label}">{"".join(items)}</nav>')


def status_items(entries: list[dict]) -> SafeString:
    items = []
    for entry in entries:
        html = f"<span>{escape(entry['label'])}</span>"
        if entry["count"] is not None:
            html += f' <span class="count">{escape(intcomma(entry["count"]))}</span>'
        attrs = f' class="level-{entry["level"]}"'
        items.append(f"<li>{_a(entry['url'], html, entry['current'], attrs)}</li>\n")
    return SafeString("".join(items))


def sort_items(link) -> SafeString:
    options = [
        ("name", _("Short name A–Z")),
        ("-name", _("Short name Z–A")),
        ("number", _("Customer number ascending")),
        ("-number", _("Customer number descending")),
        ("city", _("City A–Z")),
        ("-city", _("City Z–A")),
        ("status", _("Status")),
        ("-created", _("Newest first")),
        ("created", _("Oldest first")),
    ]
    url, current = link.varying("sort", page=1), link.filter.sort
    items = (
        f"<li>{_a(url(value), escape(label), value == current)}</li>" for value, label in options
    )
    return SafeString("".join(items))


def sort_headers(links: dict[str, dict]) -> SafeString:
    labels = {"name": _("Short name"), "number": _("No."), "city": _("City"), "status": _("Status")}
    cells = []
    for field, label in labels.items():
        aria = links[field]["aria"]
        attrs = f' aria-sort="{aria}"' if aria else ""
        cells.append(f"<th{attrs}>{_a(links[field]['url'], escape(label))}</th>")
    return SafeString("".join(cells))


def pager_nav(pager: dict, total: int, capped: bool) -> SafeString:
    if not (pager["first_url"] or pager["next_url"]):
        return SafeString("")
    numbers = {key: intcomma(pager[key] or 0) for key in ("start", "end", "number", "last")}
    numbers["count"] = intcomma(total)
    shown = _("%(start)s–%(end)s") if capped else _("%(start)s–%(end)s of %(count)s")
    page = _("Page %(number)s of %(last)s") if pager["last"] else _("Page %(number)s")
    button = ' class="button button-small"'
    first = (pager["first_url"], "«", f'{button} aria-label="{escape(_("First page"))}"')
    previous = (pager["previous_url"], f"‹ {escape(_('Previous'))}", f'{button} rel="prev"')
    after = (pager["next_url"], f"{escape(_('Next'))} ›", f'{button} rel="next"')
    last = (pager["last_url"], "»", f'{button} aria-label="{escape(_("Last page"))}"')

    def links(*links) -> str:
        return "".join(_a(url, html, attrs=attrs) for url, html, attrs in links if url)

    return SafeString(
        f'<nav class="pagination" aria-label="{escape(_("Pages"))}">'
        f'<span class="muted">{escape(shown % numbers)}</span><span class="pages">'
        f"{links(first, previous)}<span>{escape(page % numbers)}</span>{links(after, last)}"
        "</span></nav>"
    )


def hidden_inputs(pairs: list[tuple[str, str]]) -> SafeString:
    inputs = (f'<input type="hidden" name="{key}" value="{escape(value)}">' for key, value in pairs)
    return SafeString("".join(inputs))


def status_options(statuses) -> SafeString:
    """The bulk form's status choice, grouped by class."""
    groups = []
    for kind, label in classes():
        options = (
            f'<option value="{s.pk}">{escape(s.name)}</option>' for s in statuses if s.kind == kind
        )
        groups.append(f'<optgroup label="{escape(label)}">{"".join(options)}</optgroup>')
    return SafeString("".join(groups))
