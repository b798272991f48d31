"""`manage.py recount_derived`: recount every table the database keeps, from its sources.

The triggers keep the tallies exact, so this is for repairs: after a restore that skipped them,
a bulk load with triggers disabled, or a suspicion. Everything runs in one transaction, so
readers see the old counts until it commits, never an empty table. On PostgreSQL the sources are
locked against writers first (SHARE ROW EXCLUSIVE lets readers through): a write between the
DELETE and the INSERT … SELECT would otherwise be counted twice or fail on the primary key.
SQLite's first write takes the database's one write lock anyway.

It lives in the documents app because that app may read the customers app, not the reverse.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from kundenakte.customers import search_index, tag_members, tally
from kundenakte.documents import revenue

SOURCES = ("customers_customer", "customers_customer_tags", "documents_document")


def recount_derived(using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    refills = (tally.REFILL, tag_members.REFILL, search_index.REFILL, revenue.REFILL)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {', '.join(SOURCES)} IN SHARE ROW EXCLUSIVE MODE")
        for statements in refills:
            for sql in statements.get(connection.vendor, []):
                cursor.execute(sql)


class Command(BaseCommand):
    help = "Recount the customer and document tallies and rebuild the search index."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database: str, **options) -> None:
        recount_derived(database)
        self.stdout.write("Recounted.")
