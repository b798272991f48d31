"""Invisible control characters never reach the database: refused with a message on the field."""

import io

import pytest
from openpyxl import load_workbook

from kundenakte.core.clean_text import is_clean, unclean_characters, without_unclean
from kundenakte.customers.models import Customer, Tag
from kundenakte.customers.tests.factories import company_form_data, make_customer
from kundenakte.tasks.models import Task

pytestmark = pytest.mark.django_db

UNCLEAN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x85"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u061c"]


@pytest.mark.parametrize("char", UNCLEAN + BIDI)
def test_a_customer_name_with_a_control_character_is_refused_and_shown_cleaned(staff_client, char):
    response = staff_client.post(
        "/customers/new/", company_form_data(company_name=f"Ctrl{char}Char GmbH")
    )
    assert response.status_code == 200
    assert not Customer.objects.exists()
    errors = response.context["form"].errors["company_name"]
    assert f"U+{ord(char):04X}" in errors[0] and "Steuerzeichen" in errors[0]
    # The field comes back without the character, so saving once more is enough.
    assert response.context["form"]["company_name"].value() in ("CtrlChar GmbH", "Ctrl Char GmbH")


def test_saving_again_after_the_message_stores_the_cleaned_text(staff_client):
    first = staff_client.post("/customers/new/", company_form_data(city="Dres\x0bden"))
    cleaned = first.context["form"]["city"].value()
    assert cleaned == "Dres den"
    staff_client.post("/customers/new/", company_form_data(city=cleaned))
    assert Customer.objects.get().city == "Dres den"


def test_a_multi_line_note_keeps_its_line_breaks_and_tabs_but_not_a_vertical_tab(staff_client):
    staff_client.post("/customers/new/", company_form_data(notes="Erste Zeile\r\n\tzwei\x0bte"))
    assert not Customer.objects.exists()
    staff_client.post("/customers/new/", company_form_data(notes="Erste Zeile\r\n\tzweite"))
    assert Customer.objects.get().notes == "Erste Zeile\r\n\tzweite"


def test_a_tag_added_in_place_with_a_nul_byte_is_refused_with_a_message(staff_client):
    customer = make_customer()
    response = staff_client.post(
        f"/customers/{customer.pk}/tags/", {"tag": "a\x00b"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Steuerzeichen" in response.content.decode()
    assert not Tag.objects.exists()


def test_a_bulk_tag_with_a_bidi_override_is_refused(staff_client):
    customer = make_customer()
    staff_client.post(
        "/customers/bulk/",
        {"action": "add_tag", "customer": [customer.pk], "bulk_tag": "VIP\u202eexe"},
    )
    assert not Tag.objects.exists()


def test_a_task_title_with_a_control_character_is_refused(staff_client, staff_user):
    response = staff_client.post("/tasks/new/", {"title": "Anruf\x1b", "assignee": staff_user.pk})
    assert response.status_code == 200
    assert not Task.objects.exists()


def test_the_model_refuses_unclean_text_where_no_form_checks_it():
    customer = make_customer()
    customer.street = "Weg\u202e 1"
    with pytest.raises(Exception) as raised:
        customer.full_clean()
    assert "street" in raised.value.message_dict


def test_text_kept_from_before_the_rule_still_exports_cleaned(staff_client):
    customer = make_customer(short_name="Alt", company_name="Alt GmbH")
    # As stored before the rule existed: the update bypasses every check.
    Customer.objects.filter(pk=customer.pk).update(
        company_name="Ctrl\x1bChar GmbH", city="Dres\x0bden", street="Weg \u202e1"
    )
    Tag.objects.create(name="a\x01b")
    customer.tags.add(Tag.objects.get())
    xlsx = staff_client.get("/customers/export.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    header, row = (list(r) for r in sheet.iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert (values["Firma"], values["Ort"], values["Straße"]) == (
        "CtrlChar GmbH",
        "Dres den",
        "Weg 1",
    )
    assert values["Tags"] == "ab"
    body = b"".join(staff_client.get("/customers/export.csv").streaming_content).decode("utf-8-sig")
    assert is_clean(body.replace("\r\n", ""))
    assert "CtrlChar GmbH" in body and "Dres den" in body


def test_the_rule_names_each_character_once_and_removes_them():
    assert unclean_characters("a\x0bb\x0b\u202e") == ["\x0b", "\u202e"]
    assert unclean_characters("a\tb\r\nc", multiline=True) == []
    assert unclean_characters("a\tb") == ["\t"]
    assert without_unclean("Hof 1\r\nHinterhaus") == "Hof 1 Hinterhaus"
    assert without_unclean("Zeile\r\n\x0bzwei", multiline=True) == "Zeile\r\n zwei"
    assert without_unclean("Ärzte 😀 e\u0301 \u200d") == "Ärzte 😀 e\u0301 \u200d"


def _subclasses(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_every_form_and_model_of_ours_applies_the_rule():
    """A new form or model that forgets the rule fails here (history models copy their base)."""
    import importlib
    import pkgutil

    from django import forms
    from django.apps import apps

    import kundenakte
    from kundenakte.core.clean_text import CleanTextFormMixin, CleanTextModel

    for module in pkgutil.walk_packages(kundenakte.__path__, "kundenakte."):
        if ".forms" in module.name:
            importlib.import_module(module.name)
    ours = {f for f in _subclasses(forms.BaseForm) if f.__module__.startswith("kundenakte.")}
    assert ours and {f.__name__ for f in ours if not issubclass(f, CleanTextFormMixin)} == set()
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("kundenakte.") and not m.__name__.startswith("Historical")
    ]
    assert models and [m.__name__ for m in models if not issubclass(m, CleanTextModel)] == []


def test_a_refused_name_gets_one_message_not_a_second_about_a_missing_name(staff_client):
    response = staff_client.post("/customers/new/", company_form_data(company_name="Müller\x0bBau"))
    errors = response.context["form"].errors
    assert len(errors["company_name"]) == 1 and "short_name" not in errors
