"""The permission backend grants what Django's ModelBackend grants (it only caches it)."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User

from kundenakte.accounts.backends import PermissionBackend

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # without the per-request permission cache


def permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


def test_it_grants_the_users_own_and_their_groups_permissions_like_modelbackend():
    user = User.objects.create_user("erika", password="secret-pass-123")
    user.user_permissions.add(permission("view_tag"))
    group = Group.objects.create(name="Buchhaltung")
    group.permissions.add(permission("view_customer"), permission("change_customer"))
    user.groups.add(group)

    granted = PermissionBackend().get_all_permissions(fresh(user))

    assert granted == {"customers.view_tag", "customers.view_customer", "customers.change_customer"}
    assert granted == ModelBackend().get_all_permissions(fresh(user))


def test_the_roles_of_the_cast_get_what_modelbackend_gives_them(admin_user, staff_user):
    for user in (admin_user, staff_user):
        assert PermissionBackend().get_all_permissions(fresh(user)) == (
            ModelBackend().get_all_permissions(fresh(user))
        )


def test_inactive_users_and_object_checks_get_nothing(staff_user):
    staff_user.is_active = False
    assert PermissionBackend().get_all_permissions(staff_user) == set()
    assert PermissionBackend().get_all_permissions(fresh(staff_user), obj=object()) == set()


def test_a_superuser_has_every_permission():
    boss = User.objects.create_superuser("chefin", password="secret-pass-123")
    assert len(PermissionBackend().get_all_permissions(fresh(boss))) == Permission.objects.count()


def test_the_permissions_are_read_once_per_request(staff_user, django_assert_num_queries):
    user = fresh(staff_user)
    with django_assert_num_queries(2):  # the user's own and their groups'; then none
        assert user.has_perm("customers.view_customer")
        assert user.has_perm("customers.change_customer")
        assert not user.has_perm("accounts.manage_settings")
