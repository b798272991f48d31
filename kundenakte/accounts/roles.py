"""The three roles, as Django groups with model permissions.

The server checks permissions (`customers.change_customer`, ...), never role names, so a role is
only a named bundle of permissions that this module keeps in sync after every migration.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "administrator", _("Administrator")
    STAFF = "staff", _("Staff")
    READ_ONLY = "read-only", _("Read-only")


_APPS = ("customers", "documents", "tasks", "core", "accounts", "imports")

_STAFF = {
    "customers": {
        "view_customer",
        "add_customer",
        "change_customer",
        "delete_customer",
        "view_person",
        "add_person",
        "change_person",
        "delete_person",
        "view_tag",
        "add_tag",
        "view_status",
    },
    # Only drafts can be deleted (documents.models guards issued ones), so staff may discard
    # their own drafts and line items; payments are deleted by administrators only.
    "documents": {
        "view_document",
        "add_document",
        "change_document",
        "delete_document",
        "view_lineitem",
        "add_lineitem",
        "change_lineitem",
        "delete_lineitem",
        "view_payment",
        "add_payment",
        "change_payment",
        "view_vatrate",
    },
    "tasks": {"view_task", "add_task", "change_task", "delete_task"},
    # Importing customers and undoing an import (the imports app's views check add_importrun).
    "imports": {"view_importrun", "add_importrun"},
}
_READ_ONLY = {
    "customers": {"view_customer", "view_person", "view_tag", "view_status"},
    "documents": {"view_document", "view_lineitem", "view_payment", "view_vatrate"},
    "tasks": {"view_task"},
}


def _permissions(spec: dict[str, set[str]]) -> list[Permission]:
    found = []
    for app_label, codenames in spec.items():
        found += Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    return found


def role_permissions(role: Role) -> list[Permission]:
    if role == Role.ADMIN:
        return list(Permission.objects.filter(content_type__app_label__in=_APPS)) + list(
            Permission.objects.filter(content_type__app_label="auth", codename__endswith="_user")
        )
    return _permissions(_STAFF if role == Role.STAFF else _READ_ONLY)


def roles_sync(sender=None, **kwargs) -> None:
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(role_permissions(role))


def user_role(user) -> Role | None:
    names = {g.name for g in user.groups.all()}
    for role in Role:
        if role.value in names:
            return role
    return None


def user_set_role(*, user, role: Role) -> None:
    user.groups.remove(*Group.objects.filter(name__in=Role.values))
    user.groups.add(Group.objects.get(name=role.value))
