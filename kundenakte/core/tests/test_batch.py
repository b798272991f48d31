"""Several queries in one round trip: each keeps its own result and its own parameters."""

import pytest
from django.db import connection

from kundenakte.core import batch
from kundenakte.customers.models import Status, Tag

pytestmark = pytest.mark.django_db


def test_each_query_gets_its_own_rows_and_parameters():
    Tag.objects.create(name="a; DROP TABLE customers_tag; --")
    Tag.objects.create(name="O'Brien")
    results = batch.fetch_all(
        connection,
        [
            ("SELECT name FROM customers_tag WHERE name = %s", ["a; DROP TABLE customers_tag; --"]),
            ("SELECT name FROM customers_tag WHERE name = %s", ["O'Brien"]),
            ("SELECT count(*) FROM customers_status WHERE name = %s", ["niemand"]),
            ("SELECT name FROM customers_tag WHERE name = %s", ["nichts"]),
        ],
    )
    assert results == [[("a; DROP TABLE customers_tag; --",)], [("O'Brien",)], [(0,)], []]
    assert Tag.objects.count() == 2 and Status.objects.exists()


def test_postgresql_sends_them_in_one_message(django_assert_num_queries):
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        batch.fetch_all(connection, [("SELECT 1", []), ("SELECT 2", [])])
