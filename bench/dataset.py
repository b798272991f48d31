"""The seeded data set: 60 % of customers with a number, 1.5 persons and ~1 tag per customer.

Rows are bulk inserted in chunks with explicit ids; the derived columns come from
Customer.refresh_derived, the one place that computes them. bulk_create sends no signals, so no
history rows are written: a benchmark database has no past to audit.
"""

import random
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction

from bench import names
from bench.fake import Fake
from kundenakte.core.models import NumberRange
from kundenakte.customers import services
from kundenakte.customers.models import (
    CUSTOMER_NUMBER_RANGE,
    Customer,
    Person,
    Salutation,
    Status,
    Tag,
)

FIRST_NUMBER = 10000
NUMBERS_LEFT_FREE = 1000
CHUNK = 5000
NUMBERED_SHARE = 0.6
PERSONS_PER_CUSTOMER = 1.5
PRIVATE_SHARE = 0.2
PERSON_COUNT_WEIGHTS = {0: 8, 1: 30, 2: 30, 3: 20, 4: 8, 5: 4}
TAG_COUNT_WEIGHTS = {0: 35, 1: 35, 2: 20, 3: 10}
# A fixed span keeps the creation dates reproducible: ten years up to the start of 2026.
CREATED_FROM = datetime(2016, 1, 1, tzinfo=UTC)
CREATED_SPAN = timedelta(days=3653)
EXTRA_STATUSES = (
    ("Key Account", Status.Kind.WITH_NUMBER, "#7c3aed"),
    ("Gesperrt", Status.Kind.WITH_NUMBER, "#b91c1c"),
    ("Angebot versandt", Status.Kind.WITHOUT_NUMBER, "#0891b2"),
)
# How a class's customers spread over its statuses (seeded ones included).
STATUS_WEIGHTS = {
    "Kunde": 70,
    "Ehemaliger Kunde": 17,
    "Key Account": 8,
    "Gesperrt": 5,
    "Interessent": 75,
    "Angebot versandt": 25,
}
Link = Customer.tags.through


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _weighted(rng: random.Random, weights: dict) -> int:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Plan:
    """The decisions that span customers, made up front: who is private, who has a number, how
    many persons each has (exactly 1.5 per customer overall), and where the needle sits."""

    size: int
    private: set[int]
    numbered: set[int]
    person_counts: list[int]
    needle: int


def _person_counts(rng: random.Random, size: int, private: set[int]) -> list[int]:
    counts = [0 if i in private else _weighted(rng, PERSON_COUNT_WEIGHTS) for i in range(size)]
    companies = [i for i in range(size) if i not in private]
    surplus = sum(counts) - round(size * PERSONS_PER_CUSTOMER)
    # Nudge random companies up or down until the total is exact.
    for _attempt in range(20 * size):
        if surplus == 0 or not companies:
            break
        index = rng.choice(companies)
        step = 1 if surplus < 0 else -1
        if counts[index] + step >= 0:
            counts[index] += step
            surplus += step
    return counts


def make_plan(rng: random.Random, size: int) -> Plan:
    private = set(rng.sample(range(size), round(size * PRIVATE_SHARE)))
    numbered = set(rng.sample(range(size), round(size * NUMBERED_SHARE)))
    needle = size * 2 // 3
    private.add(needle)
    return Plan(size, private, numbered, _person_counts(rng, size, private), needle)


@dataclass
class Lookups:
    statuses: dict[str, list[Status]]
    status_weights: dict[str, list[int]]
    tags: list[Tag]
    tag_weights: list[int]


def lookups() -> Lookups:
    """Statuses and tags, created through the services so they obey the app's rules."""
    for name, kind, color in EXTRA_STATUSES:
        if not Status.objects.filter(name=name).exists():
            services.status_save(status=Status(name=name, kind=kind, color=color))
    statuses: dict[str, list[Status]] = {}
    for status in Status.objects.all():
        statuses.setdefault(status.kind, []).append(status)
    weights = {
        kind: [STATUS_WEIGHTS.get(s.name, 5) for s in group] for kind, group in statuses.items()
    }
    tags = [services.tag_get_or_create(name=name) for name, _weight in names.TAGS]
    return Lookups(statuses, weights, tags, [weight for _name, weight in names.TAGS])


@dataclass
class Chunk:
    customers: list[Customer] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    links: list = field(default_factory=list)


class Builder:
    """Turns the plan into model instances, customer by customer, in one seeded sequence."""

    def __init__(self, rng: random.Random, plan: Plan, lookups: Lookups) -> None:
        self.rng, self.plan, self.lookups = rng, plan, lookups
        self.fake = Fake(rng)
        self.next_number = FIRST_NUMBER
        self.next_person_id = 1

    def _status(self, numbered: bool) -> Status:
        kind = Status.Kind.WITH_NUMBER if numbered else Status.Kind.WITHOUT_NUMBER
        options = self.lookups.statuses[kind]
        return self.rng.choices(options, weights=self.lookups.status_weights[kind])[0]

    def _customer(self, index: int) -> tuple[Customer, str]:
        fields, area = self.fake.customer_fields(private=index in self.plan.private)
        if index == self.plan.needle:
            needle = (Salutation.MS, names.NEEDLE_FIRST_NAME, names.NEEDLE_LAST_NAME)
            fields.update(self.fake.private_person(*needle))
        numbered = index in self.plan.numbered
        customer = Customer(id=index + 1, status=self._status(numbered), **fields)
        if numbered:
            # Numbers follow the creation order, as drawing them one by one would.
            customer.number = str(self.next_number)
            self.next_number += 1
        customer.created_at = CREATED_FROM + CREATED_SPAN * (index / self.plan.size)
        return customer, area

    def _persons(self, index: int, customer: Customer, area: str) -> list[Person]:
        domain = customer.email.partition("@")[2] or "example.de"
        persons = []
        for position in range(self.plan.person_counts[index]):
            fields = self.fake.person_fields(domain, str(customer.country), area)
            person = Person(id=self.next_person_id, customer_id=customer.id, **fields)
            person.is_primary = position == 0
            self.next_person_id += 1
            persons.append(person)
        return persons

    def _tags(self) -> list[Tag]:
        wanted = _weighted(self.rng, TAG_COUNT_WEIGHTS)
        chosen: dict[int, Tag] = {}
        for _attempt in range(20):
            if len(chosen) == wanted:
                break
            tag = self.rng.choices(self.lookups.tags, weights=self.lookups.tag_weights)[0]
            chosen[tag.id] = tag
        return list(chosen.values())

    def chunk(self, indexes: range) -> Chunk:
        chunk = Chunk()
        for index in indexes:
            customer, area = self._customer(index)
            persons = self._persons(index, customer, area)
            tags = self._tags()
            customer.refresh_derived(persons=persons, tags=tags)
            chunk.customers.append(customer)
            chunk.persons += persons
            chunk.links += [Link(customer_id=customer.id, tag_id=tag.id) for tag in tags]
        return chunk


@contextmanager
def keep_created_at():
    """Let bulk_create store the spread-out creation dates instead of "now" for every row."""
    created = Customer._meta.get_field("created_at")
    created.auto_now_add = False
    try:
        yield
    finally:
        created.auto_now_add = True


def _reset_sequences() -> None:
    # Rows were inserted with explicit ids; PostgreSQL's sequences must move past them.
    statements = connection.ops.sequence_reset_sql(no_style(), [Customer, Person, Link])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _finish(fingerprint: str, numbers_used: int) -> None:
    # A bulk load, not an allocation: the range simply continues after the loaded numbers. The
    # default 100,000 customers use 10000-69999 exactly, so the end moves on (as an administrator
    # would move it) to leave room for the customers the benchmark adds (bench.customer_file).
    customer_range = NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE)
    next_value = FIRST_NUMBER + numbers_used
    if customer_range.end is not None:
        customer_range.end = max(customer_range.end, next_value - 1 + NUMBERS_LEFT_FREE)
    customer_range.next_value = next_value
    customer_range.save(update_fields=["next_value", "end"])
    _reset_sequences()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Autovacuum would analyse the fresh tables within a minute; do it now so the
            # planner sees the steady state from the first measured request.
            cursor.execute("VACUUM ANALYZE")
        else:
            # No ANALYZE on SQLite: the app never runs it, so the benchmark must not either.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Written last: a database without the marker is incomplete and gets rebuilt.
        cursor.execute("CREATE TABLE bench_marker (fingerprint VARCHAR(200) NOT NULL)")
        cursor.execute("INSERT INTO bench_marker (fingerprint) VALUES (%s)", [fingerprint])


def fill(*, size: int, seed: int, fingerprint: str) -> None:
    started = time.monotonic()
    rng = random.Random(seed)
    builder = Builder(rng, make_plan(rng, size), lookups())
    with keep_created_at():
        for first in range(0, size, CHUNK):
            chunk = builder.chunk(range(first, min(first + CHUNK, size)))
            with transaction.atomic():
                Customer.objects.bulk_create(chunk.customers, batch_size=1000)
                Link.objects.bulk_create(chunk.links, batch_size=5000)
                Person.objects.bulk_create(chunk.persons, batch_size=2000)
            done = first + len(chunk.customers)
            log(f"  {done:>7,} customers ({time.monotonic() - started:.0f} s)")
    _finish(fingerprint, builder.next_number - FIRST_NUMBER)
    log(f"  generated in {time.monotonic() - started:.1f} s")
