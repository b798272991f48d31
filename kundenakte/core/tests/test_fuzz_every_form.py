"""Every form and in-place endpoint, posted with hostile values: never a server error, and
nothing stored that the text rule (core.clean_text) or the customer-number rule would refuse.

The test walks the URL configuration, so a new URL pattern fails
`test_every_url_is_fuzzed_or_named_read_only` until it is entered in TARGETS or READ_ONLY. For
each endpoint it opens the page that carries the form, reads the form's fields from the HTML as
a browser would, and posts them with some values replaced by what Hypothesis draws: control
characters, NUL, bidi overrides, very long strings, impossible dates, odd numbers and text from
every Unicode category. After each post the exports, the list and the customer file must still
open.

`FUZZ_EXAMPLES=200 make test` digs deeper than the default run.
"""

import importlib.util
import os
import re

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role, user_set_role
from kundenakte.core.clean_text import is_clean
from kundenakte.core.models import NumberRange
from kundenakte.core.tests.html_forms import Form, form_for
from kundenakte.customers.models import CUSTOMER_NUMBER_RANGE, Customer, Status, Tag
from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.documents.models import Document
from kundenakte.documents.tests.conftest import SELLER
from kundenakte.documents.tests.factories import make_draft, make_invoice, make_quote
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
# The import's actions are fuzzed against its real engine, which builds the runs they act on.
IMPORT_ENGINE = importlib.util.find_spec("kundenakte.imports.services") is not None

# --- Where each endpoint is and where its form is ------------------------------------------------


def _doc(key: str):
    return lambda w: ("documents:detail", {"pk": w[key].pk})


def _pk(key: str, **more):
    return lambda w: {"pk": w[key].pk, **{k: w[v].pk for k, v in more.items()}}


DETAIL = lambda w: ("customers:detail", {"pk": w["customer"].pk})  # noqa: E731
EDITOR = lambda w: ("documents:edit", {"pk": w["draft"].pk})  # noqa: E731
ITEM = lambda w: {"pk": w["draft"].items.first().pk}  # noqa: E731
PERSON = lambda w: {"customer_pk": w["customer"].pk, "pk": w["person"].pk}  # noqa: E731
NO_KWARGS = lambda w: {}  # noqa: E731
IMPORT_PREVIEW = lambda w: ("imports:run", {"pk": w["import_ready"].pk})  # noqa: E731
IMPORT_RESULT = lambda w: ("imports:run", {"pk": w["import_applied"].pk})  # noqa: E731

# url name -> (its kwargs, the page whose form posts to it: None for the URL itself)
TARGETS = {
    "login": (NO_KWARGS, None),
    "password_change": (NO_KWARGS, None),
    "customers:bulk": (NO_KWARGS, lambda w: ("customers:list", {})),
    "customers:create": (NO_KWARGS, None),
    "customers:edit": (_pk("customer"), None),
    "customers:delete": (_pk("prospect"), None),
    "customers:archive": (_pk("customer"), DETAIL),
    "customers:assign_number": (_pk("prospect"), None),
    "customers:tag_add": (_pk("customer"), DETAIL),
    "customers:tag_remove": (_pk("customer", tag_pk="tag"), DETAIL),
    "customers:person_create": (lambda w: {"customer_pk": w["customer"].pk}, None),
    "customers:person_edit": (PERSON, None),
    "customers:person_delete": (PERSON, None),
    "documents:create": (lambda w: {"kind": "quote"}, None),
    "documents:edit": (_pk("draft"), None),
    "documents:delete": (_pk("draft"), None),
    "documents:item_add": (_pk("draft"), EDITOR),
    "documents:item_update": (ITEM, EDITOR),
    "documents:item_remove": (ITEM, EDITOR),
    "documents:item_move": (ITEM, EDITOR),
    "documents:send": (_pk("quote_draft"), _doc("quote_draft")),
    "documents:accept": (_pk("quote"), _doc("quote")),
    "documents:reject": (_pk("quote"), _doc("quote")),
    "documents:convert": (_pk("quote"), _doc("quote")),
    "documents:issue": (_pk("draft"), _doc("draft")),
    "documents:cancel": (_pk("invoice"), None),
    "documents:payment_record": (_pk("invoice"), _doc("invoice")),
    "documents:payment_delete": (_pk("payment"), _doc("paid")),
    "tasks:create": (NO_KWARGS, None),
    "tasks:edit": (_pk("task"), None),
    "tasks:toggle": (_pk("task"), lambda w: ("tasks:list", {})),
    "tasks:delete": (_pk("task"), None),
    "accounts:settings": (NO_KWARGS, None),
    "accounts:user_create": (NO_KWARGS, None),
    "accounts:user_edit": (_pk("colleague"), None),
    "accounts:user_password": (_pk("colleague"), None),
    "accounts:user_unlock": (NO_KWARGS, lambda w: ("accounts:user_list", {})),
    "customer_settings:status_create": (NO_KWARGS, None),
    "customer_settings:status_edit": (_pk("status"), None),
    "customer_settings:status_delete": (_pk("status"), None),
    "customer_settings:status_move": (
        _pk("status"),
        lambda w: ("customer_settings:status_list", {}),
    ),
    "customer_settings:tag_rename": (_pk("tag"), None),
    "customer_settings:tag_merge": (_pk("tag"), None),
    "customer_settings:tag_delete": (_pk("tag"), None),
    "imports:read_options": (_pk("import_ready"), IMPORT_PREVIEW),
    "imports:mapping": (_pk("import_ready"), IMPORT_PREVIEW),
    "imports:decide": (_pk("import_ready"), IMPORT_PREVIEW),
    "imports:apply": (_pk("import_ready"), IMPORT_PREVIEW),
    "imports:undo": (_pk("import_applied"), IMPORT_RESULT),
}


# Pages that take no POST (their GET parameters have tests of their own), and logout, which only
# ends the session.
READ_ONLY = {
    "home",
    "logout",
    "password_change_done",
    "customer_documents:tab",
    "customer_tasks:tasks",
    "customers:list",
    "customers:export_csv",
    "customers:export_xlsx",
    "customers:tag_suggest",
    "customers:detail",
    "customers:history",
    "customers:persons",
    "customers:person_new",
    "documents:list",
    "documents:detail",
    "documents:pdf",
    "tasks:list",
    "tasks:customer_suggest",
    "accounts:user_list",
    "customer_settings:status_list",
    "customer_settings:tag_list",
    "imports:run",
    # The upload's only field is the file, which a form read from HTML cannot fill; garbage
    # files (empty, binary junk, a PNG named .csv, …) are posted by imports/tests/
    # test_views_garbage_files.py instead.
    "imports:start",
}


def _url_names(patterns, namespace="") -> list[str]:
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            names += _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


# --- The data every endpoint works on ------------------------------------------------------------


def _import_runs(user, prospect, capture) -> dict:
    """A preview with a faulty row and a possible duplicate (`prospect` with a new email
    address), and an applied import, made by the engine itself (its tasks run when the
    transaction would commit)."""
    from kundenakte.imports import services

    rows = [
        "Firma;PLZ;Ort;E-Mail",
        "Import Eins GmbH;01067;Dresden;info@eins.example",
        "Import Zwei GmbH;1234;Berlin;keine-adresse",
        f"{prospect.company_name};{prospect.postal_code};{prospect.city};neu@biber.example",
    ]
    content = "\r\n".join(rows).encode()
    with capture(execute=True):
        ready = services.import_start(user=user, file_name="kunden.csv", content=content)
    with capture(execute=True):
        applied = services.import_start(
            user=user, file_name="neu.csv", content="\r\n".join(rows[:2]).encode()
        )
    applied.refresh_from_db()
    with capture(execute=True):
        services.import_apply(run=applied, user=user)
    ready.refresh_from_db()
    applied.refresh_from_db()
    return {"import_ready": ready, "import_applied": applied}


@pytest.fixture
def world(admin_user, django_capture_on_commit_callbacks):
    company = CompanySettings.load()
    for name, value in SELLER.items():
        setattr(company, name, value)
    company.save()
    customer = make_customer(short_name="Adler", tags=["Newsletter"], number=True)
    paid = make_invoice(customer=customer)
    from kundenakte.documents import services

    payment = services.payment_record(
        invoice=paid, amount=paid.gross_total / 2, date=paid.date, user=admin_user
    )
    colleague = User.objects.create_user("kollege", password="secret-pass-123")
    user_set_role(user=colleague, role=Role.STAFF)
    AccessAttempt.objects.create(  # a login lock, for the unlock form
        username="kollege", ip_address="127.0.0.9", failures_since_start=9, user_agent="test"
    )
    prospect = make_customer(short_name="Biber")
    imports = (
        _import_runs(admin_user, prospect, django_capture_on_commit_callbacks)
        if IMPORT_ENGINE
        else {}
    )
    return {
        **imports,
        "customer": customer,
        "prospect": prospect,
        "person": make_person(customer, is_primary=True),
        "tag": Tag.objects.get(),
        "status": Status.objects.create(name="Stammkunde", kind=Status.Kind.WITH_NUMBER),
        "task": make_task(title="Anrufen", customer=customer, assignee=admin_user),
        "quote": make_quote(customer=customer),
        "quote_draft": make_draft(kind=Document.Kind.QUOTE, customer=customer),
        "draft": make_draft(customer=customer),
        "invoice": make_invoice(customer=customer),
        "paid": paid,
        "payment": payment,
        "colleague": colleague,
        "numbered": set(Customer.objects.exclude(number=None).values_list("pk", flat=True)),
    }


# --- Hostile values ------------------------------------------------------------------------------

HOSTILE = [
    "\x00",
    "a\x00b",
    "Ctrl\x1bChar GmbH",
    "Zeile\x0bzwei",
    "\x0c",
    "\x85",
    "Rechnung\u202eexe.pdf",
    "\u2066abc\u2069",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://x")',
    "abc",
    "0",
    "-1",
    "1e4",
    "1e400",
    "NaN",
    "-0",
    "99999999999999999999999",
    "1.000.000,999",
    "0,001",
    "010500",
    "70000",
    "2026-02-30",
    "30.02.2026",
    "1900-01-01",
    "01.01.1900",
    "31.12.2099",
    "0000-00-00",
    "/\\evil.example",
    "//evil.example/",
    "https://evil.example/",
    " ",
    "A" * 5000,
]
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
VALUE = st.one_of(st.sampled_from(HOSTILE), TEXT)


def _draw_data(data, form: Form) -> dict:
    """The form's own values, one of them (and maybe more) replaced by a hostile one."""
    names = sorted((set(form.fields) | set(form.choices)) - {"csrfmiddlewaretoken"})
    victim = data.draw(st.sampled_from(names), label="field") if names else None
    posted = {}
    for name in names:
        hostile = st.lists(VALUE, min_size=1, max_size=2)
        if name == victim:
            posted[name] = data.draw(hostile, label=name)
            continue
        strategies = [st.just(form.fields.get(name, []))]
        if offered := form.choices.get(name):
            strategies.append(st.lists(st.sampled_from(offered), max_size=2))
        posted[name] = data.draw(st.one_of(*strategies, hostile), label=name)
    return posted


# --- What must hold after every post -------------------------------------------------------------


def _our_models():
    ours = [m for m in apps.get_models() if m.__module__.startswith("kundenakte.")]
    return [*ours, User]


def _unclean_rows() -> list[str]:
    found = []
    for model in _our_models():
        text_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model._default_manager.values("pk", *(f.attname for f in text_fields)):
            for f in text_fields:
                value = row[f.attname]
                if value and not is_clean(value, multiline=isinstance(f, models.TextField)):
                    found.append(f"{model.__name__}.{f.name} of {row['pk']}: {value!r}")
    return found


_NUMBER = re.compile(r"[1-9][0-9]{0,7}")


def _bad_customer_numbers(world) -> list[str]:
    """Customer numbers are debtor accounts: plain digits, and a number given now lies within
    the configured range (one given before a change of the range may lie outside)."""
    numbers = dict(Customer.objects.exclude(number=None).values_list("pk", "number"))
    bad = [n for n in numbers.values() if not _NUMBER.fullmatch(n)]
    given_now = [n for pk, n in numbers.items() if pk not in world["numbered"]]
    customer_range = NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE)
    end = customer_range.end or 99_999_999
    return bad + [n for n in given_now if not customer_range.start <= int(n) <= end]


def _pages_still_open(client, world):
    for path in (
        "/customers/export.xlsx",
        "/customers/export.csv",
        "/customers/",
        f"/customers/{world['customer'].pk}/",
    ):
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)


# --- The tests -----------------------------------------------------------------------------------


def test_every_url_is_fuzzed_or_named_read_only():
    names = set(_url_names(get_resolver().url_patterns))
    assert names - set(TARGETS) - READ_ONLY == set(), "add the new URL to TARGETS or READ_ONLY"
    assert (set(TARGETS) | READ_ONLY) - names == set(), "a URL named here no longer exists"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.skipif(
                name.startswith("imports:") and not IMPORT_ENGINE,
                reason="needs the import engine (kundenakte.imports.services)",
            ),
        )
        for name in sorted(TARGETS)
    ],
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_input_never_makes_a_server_error_or_unclean_data(
    name, data, world, admin_client, anonymous_client
):
    # Each example starts from the same data, so Hypothesis can replay and shrink a failure.
    with transaction.atomic():
        kwargs, page = TARGETS[name]
        client = anonymous_client if name == "login" else admin_client
        path = reverse(name, kwargs=kwargs(world))
        page_name, page_kwargs = page(world) if page else (name, kwargs(world))
        form = form_for(client, path, reverse(page_name, kwargs=page_kwargs))
        posted = _draw_data(data, form)
        response = client.post(path, posted)
        status = response.status_code
        assert status < 500, f"POST {path} {posted!r} answered {status}"
        assert _unclean_rows() == []
        assert _bad_customer_numbers(world) == []
        _pages_still_open(admin_client, world)
        transaction.set_rollback(True)
