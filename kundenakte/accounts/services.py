from axes.utils import reset as axes_reset
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kundenakte.accounts.roles import Role, user_role, user_set_role


@transaction.atomic
def user_create(*, form) -> User:
    user = form.save()
    user_set_role(user=user, role=Role(form.cleaned_data["role"]))
    return user


@transaction.atomic
def user_update(*, acting_user: User, user: User, role: Role, is_active: bool, **fields) -> User:
    """Change a user; nobody can lock themselves out by demoting or deactivating themselves."""
    removes_own_access = role != Role.ADMIN or not is_active
    if user.pk == acting_user.pk and removes_own_access and user_role(user) == Role.ADMIN:
        raise ValidationError(_("You cannot remove your own administrator access."))
    for name, value in fields.items():
        setattr(user, name, value)
    user.is_active = is_active
    user.full_clean()
    user.save()
    user_set_role(user=user, role=role)
    return user


def lockout_reset(*, username: str, ip_address: str) -> int:
    """Lift the login lock of one user name at one client address; returns the rows removed."""
    if not (username and ip_address):
        # axes' reset() leaves out an empty criterion and would unlock far more than asked.
        raise ValueError("Both the user name and the address are needed to lift a lock.")
    return axes_reset(ip=ip_address, username=username)
