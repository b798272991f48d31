"""The triggers in the database are the ones the code defines, and the tables they keep are
models like any other (kundenakte/core/triggers.py)."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from kundenakte.core import generation
from kundenakte.core.triggers import Triggers, fingerprint
from kundenakte.customers import search_index, services, tag_members, tally
from kundenakte.customers.models import Customer, CustomerTally, Tag
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import revenue
from kundenakte.documents.management.commands.recount_derived import recount_derived
from kundenakte.documents.models import CustomerDocumentCount, RevenueMonth
from kundenakte.documents.tests.factories import make_draft

pytestmark = pytest.mark.django_db

DEFINITIONS = (
    tally.triggers,
    tag_members.triggers,
    search_index.triggers,
    revenue.triggers,
    generation.triggers,
)


def normalised(sql: str) -> str:
    """SQL as both databases may spell it back: no quotes, schema or layout, one case."""
    sql = re.sub(r'"|\bpublic\.', "", sql.lower())
    return re.sub(r"\s+", " ", sql).strip()


def defined(vendor: str) -> tuple[dict, dict]:
    """{(trigger, table): sql} and {function: body} as the code defines them."""
    objects = [o for definition in DEFINITIONS for o in definition().get(vendor, [])]
    triggers = {(o.name, o.table): normalised(o.sql) for o in objects if o.is_trigger}
    functions = {o.name: normalised(o.sql.split("$$")[1]) for o in objects if not o.is_trigger}
    return triggers, functions


def present(using=connection) -> tuple[dict, dict]:
    """{(trigger, table): sql} and {function: body} as the database holds them."""
    with using.cursor() as cursor:
        if using.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            return {(n, t): normalised(sql) for n, t, sql in cursor.fetchall()}, {}
        cursor.execute(
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t"
            " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace"
            " WHERE NOT t.tgisinternal AND s.nspname = current_schema()"
        )
        triggers = {(n, t): normalised(sql) for n, t, sql in cursor.fetchall()}
        cursor.execute(
            "SELECT p.proname, p.prosrc FROM pg_proc p"
            " JOIN pg_namespace s ON s.oid = p.pronamespace"
            " WHERE s.nspname = current_schema() AND p.prorettype = 'trigger'::regtype"
        )
        return triggers, {name: normalised(body) for name, body in cursor.fetchall()}


def test_the_database_holds_exactly_the_triggers_and_functions_the_code_defines():
    assert present() == defined(connection.vendor)


def test_the_newest_migration_of_every_definition_applies_the_code_as_it_is_now():
    """A changed trigger needs a new migration: `Triggers(definition, "<fingerprint>")`."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    newest = {}
    plan = []
    for leaf in loader.graph.leaf_nodes():
        plan += [key for key in loader.graph.forwards_plan(leaf) if key not in plan]
    for key in plan:
        for operation in loader.graph.nodes[key].operations:
            if type(operation) is Triggers:
                newest[operation.definition] = operation.fingerprint
    stale = [
        f"Triggers({d.__module__}.triggers, {fingerprint(d)!r})"
        for d in DEFINITIONS
        if newest.get(d) != fingerprint(d)
    ]
    assert stale == [], "add a migration with these operations"


def test_dumpdata_includes_the_tables_the_database_keeps():
    make_customer(short_name="Anker", tags=["VIP"])
    out = io.StringIO()
    call_command("dumpdata", "customers", "documents", "core", stdout=out)
    models = {row["model"] for row in json.loads(out.getvalue())}
    assert {
        "customers.customertally",
        "customers.customertagtally",
        "customers.customertagmember",
        "core.generation",
    } <= models


def counts() -> dict:
    """Every derived table's rows that count (triggers leave zeros behind, a recount does not),
    for comparing before and after a recount."""
    return {
        "CustomerTally": sorted(map(str, CustomerTally.objects.exclude(n=0))),
        "RevenueMonth": sorted(map(str, RevenueMonth.objects.exclude(cents=0))),
        "CustomerDocumentCount": sorted(map(str, CustomerDocumentCount.objects.exclude(n=0))),
        "members": sorted(tag_members_rows()),
    }


def tag_members_rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {tag_members.TABLE}")
        return cursor.fetchall()


def test_the_triggers_and_a_recount_agree_after_a_series_of_changes():
    anker = make_customer(short_name="Anker", tags=["VIP", "Newsletter"])
    berg = make_customer(short_name="Berg", tags=["VIP"])
    make_draft(customer=anker)
    make_draft(customer=berg)
    Customer.objects.filter(pk=berg.pk).update(short_name="Zebra", initial="Z")
    Customer.objects.filter(pk=anker.pk).update(archived=True)
    services.tag_delete(tag=Tag.objects.get(name="Newsletter"))
    kept = counts()
    assert kept["CustomerTally"] and kept["CustomerDocumentCount"] and kept["members"]
    recount_derived()
    assert counts() == kept
    assert list(Customer.objects.search("berg")) == [Customer.objects.get(pk=berg.pk)]


def test_recount_derived_repairs_emptied_tallies():
    make_customer(short_name="Anker", tags=["VIP"])
    kept = counts()
    CustomerTally.objects.all().delete()
    call_command("recount_derived", stdout=io.StringIO())
    assert counts() == kept
