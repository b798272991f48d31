"""After the data is in place: the bench user, and the probes the measurements need.

Probes are read from the database rather than assumed, so a cached data set and a fresh one are
measured alike: the id of a status, a tag, a unique customer number, expected names and counts.
"""

from django.contrib.auth.models import User

from bench import names
from kundenakte.accounts.roles import Role, user_set_role
from kundenakte.customers.models import Customer, Person, Status, Tag

BENCH_USER = "bench"
TAG_FILTER = "Stammkunde"
COMBINED = {"letter": "M", "tag": "Newsletter", "q": "gmbh"}


def ensure_user(password: str) -> None:
    """An administrator with this run's password (a fresh random one each run)."""
    user = User.objects.filter(username=BENCH_USER).first() or User(username=BENCH_USER)
    user.set_password(password)
    user.save()
    user_set_role(user=user, role=Role.ADMIN)


def _combined_count(status: Status) -> int:
    tag = Tag.objects.get(key=COMBINED["tag"].casefold())
    matches = Customer.objects.filter(archived=False, status=status, initial=COMBINED["letter"])
    return matches.filter(tags=tag, search_text__contains=COMBINED["q"]).count()


def counts() -> dict:
    return {
        "customers": Customer.objects.count(),
        "active": Customer.objects.filter(archived=False).count(),
        "with_number": Customer.objects.filter(number__isnull=False).count(),
        "persons": Person.objects.count(),
        "tags": Tag.objects.count(),
        "tag_links": Customer.tags.through.objects.count(),
        "statuses": Status.objects.count(),
    }


def probes() -> dict:
    status = Status.objects.get(kind=Status.Kind.WITH_NUMBER, is_default=True)
    numbered = Customer.objects.filter(number__isnull=False).order_by("id")
    middle = numbered[numbered.count() // 2]
    needle = Customer.objects.filter(last_name=names.NEEDLE_LAST_NAME).first()
    return {
        "user": BENCH_USER,
        "status_id": status.id,
        "status_name": status.name,
        "tag": TAG_FILTER,
        "combined": COMBINED,
        "combined_count": _combined_count(status),
        "rare_number": middle.number,
        "rare_term": names.NEEDLE_TERM,
        "rare_term_name": needle.short_name if needle else None,
        "counts": counts(),
    }
