"""Authentication backends: Django's ModelBackend with the session's user and their permissions
cached across requests (kundenakte.core.reference), and django-axes' lockout check.

Every page reads the user and checks permissions: three queries of a 15 ms page, for data that
changes a few times a month. The rules stay ModelBackend's own (inactive users have no
permissions, superusers all of them); only where their result is kept changes.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from kundenakte.core.reference import ReferenceData

User = get_user_model()
USERS = ReferenceData("user", User)
PERMISSIONS = ReferenceData(
    "permissions",
    User,
    Group,
    Permission,
    ContentType,
    User.groups.through,
    User.user_permissions.through,
    Group.permissions.through,
)


class PermissionBackend(ModelBackend):
    def get_user(self, user_id):
        return USERS.get(lambda: super(PermissionBackend, self).get_user(user_id), user_id)

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return self._cached(super().get_user_permissions, "user", user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return self._cached(super().get_group_permissions, "group", user_obj, obj)

    @staticmethod
    def _cached(load, source: str, user_obj, obj) -> set[str]:
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return load(user_obj, obj)
        # The database keys the cache; is_superuser as an unsaved change of this user may have it.
        key = (source, user_obj.pk, user_obj.is_superuser)
        return PERMISSIONS.get(lambda: load(user_obj, obj), *key)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check (kundenakte.accounts.lockout), first in AUTHENTICATION_BACKENDS.

    The login form passes the request, so every login over HTTP is counted and can be refused.
    A call without a request (the test client's `login()`, a shell) has no client address to
    count against; axes would raise there, so this backend steps aside and lets the next decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
