"""Accessibility and Content-Security-Policy rules every template keeps."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# An attribute such as onclick="…" or onsubmit='…' inside a tag: blocked by script-src 'self'.
INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", re.DOTALL)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def template_files() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt", ".jinja"})


class Elements(HTMLParser):
    """The ids of a page, and each element's attributes in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])


def test_no_template_has_an_inline_event_handler_or_script():
    offenders = []
    for path in template_files():
        text = path.read_text()
        offenders += [f"{path.name}: {m.group(1)}" for m in INLINE_HANDLER.finditer(text)]
        offenders += [f"{path.name}: inline <script>" for m in INLINE_SCRIPT.finditer(text)]
    assert template_files(), "no templates found"
    assert offenders == []


def test_no_template_claims_a_menu_role_without_its_arrow_keys():
    # role="menu" promises the WAI menu pattern (arrow keys, focus management); our dropdowns
    # are plain lists of links in a <details>, which needs no role to be understood.
    claims = [p.name for p in template_files() if re.search(r'role="menu', p.read_text())]
    assert claims == []


def described(html: str) -> tuple[list[tuple[str, str]], set[str]]:
    """Each (field, id) an aria-describedby names, and the ids the page has."""
    page = Elements(html)
    pairs = [
        (attrs.get("name") or tag, target)
        for tag, attrs in page.tags
        for target in attrs.get("aria-describedby", "").split()
    ]
    return pairs, page.ids


@pytest.fixture
def seeded_rows(db):
    """The statuses and number range the migrations seed, which an earlier transactional test
    may have flushed (get_or_create, so a second seeding changes nothing)."""
    import importlib

    from django.apps import apps

    importlib.import_module(
        "kundenakte.customers.migrations.0002_seed_statuses_and_number_range"
    ).seed(apps, None)


@pytest.mark.parametrize(
    ("user", "url", "data"),
    [
        ("staff_client", "customers:create", {"kind": "company"}),
        ("staff_client", "tasks:create", {"title": ""}),
        ("staff_client", "password_change", {"old_password": "x"}),
        ("admin_client", "accounts:user_create", {"username": ""}),
        ("admin_client", "accounts:settings", None),
    ],
)
def test_every_aria_describedby_points_at_an_element_of_the_page(
    request, seeded_rows, user, url, data
):
    client = request.getfixturevalue(user)
    # An invalid post shows help texts and error messages side by side.
    response = client.get(reverse(url)) if data is None else client.post(reverse(url), data)
    assert response.status_code == 200
    pairs, ids = described(response.content.decode())
    assert pairs, "the page describes no field"
    assert [(name, target) for name, target in pairs if target not in ids] == []


def test_help_texts_and_errors_are_both_announced_with_their_field(staff_client):
    response = staff_client.post(reverse("customers:create"), {"kind": "company"})
    pairs, _ids = described(response.content.decode())
    assert ("short_name", "id_short_name_helptext") in pairs
    assert ("short_name", "id_short_name_error") in pairs


class RadioGroups(HTMLParser):
    """For each radio button: the legend of the innermost fieldset around it, and the number
    of radio buttons that fieldset holds."""

    def __init__(self, html: str):
        super().__init__()
        self.open: list[dict] = []
        self.groups: list[dict] = []
        self.in_legend = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "fieldset":
            self.open.append({"legend": "", "radios": []})
            self.groups.append(self.open[-1])
        elif tag == "legend":
            self.in_legend = True
        elif tag == "input" and ("type", "radio") in attrs and self.open:
            self.open[-1]["radios"].append(dict(attrs)["name"])

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.open.pop()
        elif tag == "legend":
            self.in_legend = False

    def handle_data(self, data):
        if self.in_legend:
            self.open[-1]["legend"] += data.strip()


def test_a_radio_group_is_a_fieldset_named_by_its_legend(staff_client):
    html = staff_client.get(reverse("customers:create")).content.decode()
    assert html.count('type="radio"') == 2
    groups = [g for g in RadioGroups(html).groups if g["radios"]]
    assert groups == [{"legend": "Art", "radios": ["kind", "kind"]}]
