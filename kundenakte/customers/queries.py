"""How the customer list reads customers: `Customer.objects.active().with_letter("A")
.search("müller")`, the QuerySet behind Customer's manager."""

from django.db import connections, models
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from kundenakte.core import text
from kundenakte.core.models import NumberRange
from kundenakte.customers import search_index


class CustomerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False)

    def with_letter(self, letter: str):
        return self.filter(initial=letter)

    def with_tags(self, names: list[str]):
        qs = self
        for name in names:
            qs = qs.filter(tags__key=name.strip().casefold())
        return qs

    def search(self, query: str):
        """Every word must occur in the search text, in one of its spellings (see core.text).

        On SQLite the words of three or more letters go through the FTS5 trigram index; on
        PostgreSQL the pg_trgm index serves the LIKE itself (see customers.search_index).
        """
        return self.matching(query)

    def with_tag_ids(self, ids):
        """Customers carrying every one of the tags (AND)."""
        return self.matching(tag_ids=ids)

    def matching(self, query: str = "", tag_ids=(), use_index: bool = True, walk: bool = False):
        """search(query) and with_tag_ids(tag_ids) in one: the tag links and the search index
        are intersected before any customer row is read, so a search within a tag (or two
        tags) costs what the few customers with both cost, not what each set costs alone.

        `use_index=False` tests each row instead of asking the index for every match: the
        cheaper way when walking rows in list order through a word most customers contain.
        `walk=True` is for that walk, too: each row's tags are then probed in the (customer,
        tag) index rather than every customer with the tag listed before the first row.
        """
        terms = text.search_terms(query)
        if use_index and connections[self.db].vendor == "sqlite":
            indexed = [t for t in terms if min(map(len, t)) >= search_index.MIN_INDEXED_LENGTH]
            terms = [t for t in terms if t not in indexed]
        else:
            indexed = []  # the trigram index serves the LIKE below
        qs, tag_ids = (self._with_each_tag(tag_ids), []) if walk else (self, list(tag_ids))
        ids = self._indexed_ids(indexed, tag_ids)
        qs = qs.filter(pk__in=ids) if ids is not None else qs
        return qs._search_like(terms)

    def _with_each_tag(self, tag_ids):
        links = self.model.tags.through.objects
        qs = self
        for tag_id in tag_ids:
            qs = qs.filter(Exists(links.filter(customer_id=OuterRef("pk"), tag_id=tag_id)))
        return qs

    def _search_like(self, terms: list[tuple[str, ...]]):
        qs = self
        for spellings in terms:
            condition = models.Q()
            for spelling in spellings:
                condition |= models.Q(search_text__contains=spelling)
            qs = qs.filter(condition)
        return qs

    def with_status_ids(self, ids):
        return self.filter(status_id__in=ids)

    def needing_number(self, number_range: NumberRange):
        """Customers whose number lies outside the range, or who lost a bad number to
        `legacy_number`: the settings list them for "Assign customer number".

        Numbers are digits without leading zeros (a constraint says so), so comparing length
        first and then the text orders them as numbers, without a cast that could overflow.
        """
        outside = _digits_below(number_range.start)
        if number_range.end is not None:
            outside |= _digits_above(number_range.end)
        qs = self.annotate(number_length=Length("number"))
        return qs.filter(outside | models.Q(number=None, legacy_number__gt=""))

    def _indexed_ids(self, terms: list[tuple[str, ...]], tag_ids: list[int]):
        """A subquery of the ids of customers with every tag and every term in the FTS index
        (SQLite), nested so that each set is probed only with what the previous one left."""
        fts = None
        if terms:
            table = search_index.FTS_TABLE
            fts = RawSQL(
                f"SELECT rowid FROM {table} WHERE {table} MATCH %s",
                [search_index.fts_query(terms)],
            )
        if not tag_ids:
            return fts
        links = self.model.tags.through.objects
        ids = links.filter(tag_id=tag_ids[0])
        for tag_id in tag_ids[1:]:
            # A probe per link of the first tag; `IN` would list every link of this tag first.
            other = links.filter(customer_id=OuterRef("customer_id"), tag_id=tag_id)
            ids = ids.filter(Exists(other))
        if fts is not None:
            ids = ids.filter(customer_id__in=fts)
        return ids.values("customer_id")


def _digits_below(value: int) -> models.Q:
    digits = str(value)
    return models.Q(number_length__lt=len(digits)) | models.Q(
        number_length=len(digits), number__lt=digits
    )


def _digits_above(value: int) -> models.Q:
    digits = str(value)
    return models.Q(number_length__gt=len(digits)) | models.Q(
        number_length=len(digits), number__gt=digits
    )
