"""The seller data in the company settings, and who may do what with documents."""

import pytest
from django.core.exceptions import ValidationError

from kundenakte.accounts.models import CompanySettings

pytestmark = pytest.mark.django_db


def test_iban_bic_and_vat_id_are_checked_and_stored_compact():
    settings = CompanySettings.load()
    settings.iban, settings.bic, settings.vat_id = (
        "de89 3704 0044 0532 0130 00",
        "cobadeff",
        "DE 136 695 976",
    )
    settings.full_clean()
    assert (settings.iban, settings.bic, settings.vat_id) == (
        "DE89370400440532013000",
        "COBADEFF",
        "DE136695976",
    )


def test_a_wrong_iban_or_bic_gets_a_message_on_its_field():
    settings = CompanySettings.load()
    settings.iban, settings.bic = "DE89 3704 0044 0532 0130 01", "COBA"
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert set(error.value.message_dict) >= {"iban", "bic"}
    assert "IBAN" in error.value.message_dict["iban"][0]


def test_a_german_postal_code_has_five_digits():
    settings = CompanySettings.load()
    settings.postal_code = "1234"
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "postal_code" in error.value.message_dict


def test_the_settings_name_what_an_invoice_still_needs():
    settings = CompanySettings(company_name="Holzwurm GmbH", city="Leipzig")
    assert settings.missing_for_invoices == [
        "street and number",
        "postal code",
        "VAT ID or tax number",
    ]
    settings.street, settings.postal_code, settings.tax_number = "Weg 1", "04109", "231/1/2"
    assert settings.missing_for_invoices == []


def test_a_new_installation_issues_quotes_valid_for_30_days_with_vat():
    settings = CompanySettings.load()
    assert (settings.default_quote_validity_days, settings.small_business) == (30, False)


def test_staff_work_with_documents_but_do_not_delete_payments(staff_user):
    assert staff_user.has_perms(
        ["documents.add_document", "documents.change_lineitem", "documents.add_payment"]
    )
    assert staff_user.has_perm("documents.view_vatrate")
    assert not staff_user.has_perm("documents.delete_payment")
    assert not staff_user.has_perm("documents.change_vatrate")


def test_read_only_users_only_view_documents(readonly_user):
    assert readonly_user.has_perms(["documents.view_document", "documents.view_payment"])
    assert not readonly_user.has_perm("documents.add_document")


def test_administrators_may_do_everything_with_documents(admin_user):
    assert admin_user.has_perms(["documents.delete_payment", "documents.change_vatrate"])
