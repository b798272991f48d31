import pytest
from django.contrib.auth.models import User

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role, user_role
from kundenakte.core.models import NumberRange

pytestmark = pytest.mark.django_db


def test_an_administrator_creates_a_user_with_a_role(admin_client):
    response = admin_client.post(
        "/settings/users/new/",
        {
            "username": "petra",
            "first_name": "Petra",
            "last_name": "Schulz",
            "email": "p@example.de",
            "role": "read-only",
            "password1": "ein-langes-Passwort-42",
            "password2": "ein-langes-Passwort-42",
        },
    )
    assert response.status_code == 302
    petra = User.objects.get(username="petra")
    assert user_role(petra) == Role.READ_ONLY
    assert petra.has_perm("customers.view_customer")
    assert not petra.has_perm("customers.change_customer")


def test_changing_the_role_replaces_the_old_one(admin_client, staff_user):
    data = {
        "first_name": "Sven",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "role": "administrator",
    }
    admin_client.post(f"/settings/users/{staff_user.pk}/edit/", data)
    assert [g.name for g in staff_user.groups.all()] == ["administrator"]


def test_administrators_cannot_lock_themselves_out(admin_client, admin_user):
    data = {"first_name": "Anna", "last_name": "", "email": "", "role": "staff"}
    response = admin_client.post(f"/settings/users/{admin_user.pk}/edit/", data)
    assert response.status_code == 200
    assert user_role(admin_user) == Role.ADMIN
    assert User.objects.get(pk=admin_user.pk).is_active


def test_an_administrator_sets_a_password(admin_client, staff_user):
    data = {"new_password1": "noch-ein-Passwort-7", "new_password2": "noch-ein-Passwort-7"}
    assert admin_client.post(f"/settings/users/{staff_user.pk}/password/", data).status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("noch-ein-Passwort-7")


def test_everyone_changes_their_own_password(readonly_client, readonly_user):
    data = {
        "old_password": "secret-pass-123",
        "new_password1": "mein-neues-Passwort-9",
        "new_password2": "mein-neues-Passwort-9",
    }
    assert readonly_client.post("/password/", data).status_code == 302
    readonly_user.refresh_from_db()
    assert readonly_user.check_password("mein-neues-Passwort-9")


def _settings(**overrides):
    data = {
        "company-company_name": "Muster GmbH",
        "company-country": "DE",
        "company-default_quote_validity_days": "30",
        "company-quotes_enabled": "on",
        "company-invoices_enabled": "on",
        "company-tasks_enabled": "on",
        "range-prefix": "",
        "range-start": "10000",
        "range-next_value": "10000",
    }
    data.update(overrides)
    return data


def test_settings_save_company_modules_and_number_range(admin_client):
    response = admin_client.post("/settings/", _settings(**{"range-next_value": "12000"}))
    assert response.status_code == 302
    company = CompanySettings.load()
    assert company.company_name == "Muster GmbH"
    assert not company.delivery_notes_enabled
    assert NumberRange.objects.get(key="customer").next_value == 12000


def test_a_next_number_below_the_start_is_refused(admin_client):
    response = admin_client.post("/settings/", _settings(**{"range-next_value": "5"}))
    assert response.status_code == 200
    assert NumberRange.objects.get(key="customer").next_value == 10000
    assert CompanySettings.load().company_name == ""
