"""A list filter resolved against the database: its statuses and tags, and the customers it
selects as querysets (listing/__init__.py counts and pages them, listing/scan.py writes the
walks out in plain SQL)."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.functions import Upper

from kundenakte.core.reference import ReferenceData
from kundenakte.customers.listing.params import (
    WITH_NUMBER,
    WITHOUT_NUMBER,
    ListFilter,
    parse_filter,
)
from kundenakte.customers.models import Customer, Status, Tag


@dataclass
class Selection:
    """A filter resolved against the database: its statuses and tags."""

    filter: ListFilter
    statuses: list[Status]
    tags: list[Tag]
    unknown_tag: bool

    @property
    def status_ids(self) -> set[int] | None:
        """The statuses the status filter allows; None when it allows all."""
        value = self.filter.status
        if not value:
            return None
        if value in (WITH_NUMBER, WITHOUT_NUMBER):
            return {s.pk for s in self.statuses if s.kind == value}
        return {int(value)}

    @property
    def statuses_by_id(self) -> dict[int, Status]:
        return {s.pk: s for s in self.statuses}

    @property
    def filtered_by_index(self) -> bool:
        """Whether a search or tag index narrows the selection before anything else."""
        return bool(self.filter.q or self.tags)

    def matching(self, walk: bool = True, use_index: bool = True) -> QuerySet:
        """Customers matching search, tags and the archive switch — not yet letter or status.

        `walk` steers SQLite's planner, which has no statistics to choose with: Django writes
        `archived=False` as `NOT archived`, which SQLite cannot look up in an index, and
        `archived IN (false)`, which it can. The IN form lets a page walk an index in list
        order and stop after 50 rows; the NOT form makes it start from the (smaller) set the
        search or tag index yields, which is what counting, or a rare match, needs.
        """
        qs = Customer.objects.all()
        archived = self.filter.archived
        qs = qs.filter(archived__in=[archived]) if walk else qs.filter(archived=archived)
        if self.unknown_tag:
            return qs.none()
        return qs.matching(self.filter.q, [tag.pk for tag in self.tags], use_index, walk)

    def queryset(self, walk: bool = True, use_index: bool = True) -> QuerySet:
        """Every customer of the selection, unordered (see matching() for `walk`)."""
        return self.narrow(self.matching(walk, use_index), walk)

    def tagged_first(self) -> QuerySet:
        """queryset() for a common word within tags: the tagged customers of the status and
        letter range are listed from the indexes alone, and only their rows are read to test
        the words. Walking the range instead, SQLite reads every row to test the words before
        it probes the tag index, whatever the order of the conditions.
        """
        tag_ids = [tag.pk for tag in self.tags]
        tagged = Customer.objects.filter(archived__in=[self.filter.archived])
        tagged = self.narrow(tagged.matching(tag_ids=tag_ids, walk=True)).values("pk")
        qs = Customer.objects.filter(archived=self.filter.archived, pk__in=tagged)
        return qs.matching(self.filter.q, use_index=False)

    def narrow(self, qs: QuerySet, walk: bool = True) -> QuerySet:
        """`qs` with the status and letter filter applied."""
        walk = walk or connections[qs.db].vendor != "sqlite"  # PostgreSQL plans by statistics
        if not walk:
            # An expression over a column keeps SQLite off that column's index, so it starts
            # from the search or tag set even when a status or letter index is at hand.
            qs = qs.alias(opaque_status=F("status_id") + 0, opaque_initial=Upper("initial"))
        if self.status_ids is not None:
            status = "status_id" if walk else "opaque_status"
            qs = qs.filter(**{f"{status}__in": self.status_ids})
        if self.filter.letter:
            qs = qs.filter(**{"initial" if walk else "opaque_initial": self.filter.letter})
        return qs


# Every list request reads the statuses, and most the tags of its filter: cached while they stand
# (kundenakte.core.reference).
STATUSES = ReferenceData("statuses", Status)
TAGS = ReferenceData("tags", Tag)


def _tags(keys: list[str]) -> list[Tag]:
    """The tags of `keys` (unknown ones left out), in key order."""
    by_key = TAGS.get(lambda: {tag.key: tag for tag in Tag.objects.all()})
    return [by_key[key] for key in sorted(set(keys)) if key in by_key]


def select(params) -> Selection:
    statuses = STATUSES.get(lambda: list(Status.objects.all()))
    list_filter = parse_filter(params, {s.pk for s in statuses})
    keys = [name.casefold() for name in list_filter.tags]
    tags = _tags(keys) if keys else []
    return Selection(list_filter, statuses, tags, unknown_tag=len(tags) < len(keys))
