"""Demo documents for `make run`: quotes, invoices, delivery notes and Stornorechnungen of the
demo customers over the last two years.

Everything goes through the document services with `today` set to the day it happens, so
numbers, frozen addresses, due dates, payments and the customer-number rule (a prospect's first
invoice gives it its number) work exactly as for a user. Numbers come from yearly ranges that
only restart forwards, so all steps of all projects run in date order. All randomness comes
from one seeded random.Random.
"""

import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.models import Customer
from kundenakte.documents import services
from kundenakte.documents.demo_data import (
    CANCEL_REASONS,
    DAYS_BACK,
    GUARANTEED,
    HABITS,
    ITEMS,
    JOBS,
    MONTHS,
    SELLER,
    STORIES,
    Story,
)
from kundenakte.documents.models import Document

Kind = Document.Kind


@dataclass
class DemoDocumentsResult:
    documents: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Project:
    """One job for one customer: a chain of steps (send, accept, convert, issue, pay …)."""

    rng: random.Random
    customer: Customer
    job: tuple
    user: object
    today: date
    habit: str | None = None
    documents: dict[str, Document] = field(default_factory=dict)


Step = tuple[date, Callable[[], None]]


# --- Seller data -------------------------------------------------------------------------------


def demo_company_fill() -> CompanySettings:
    """Fill the seller fields of the company settings that are still empty."""
    company = CompanySettings.load()
    for name, value in SELLER.items():
        if not getattr(company, name):
            setattr(company, name, value)
    company.full_clean()
    company.save()
    return company


# --- Building documents ------------------------------------------------------------------------


def _weekday(day: date) -> date:
    """Offices write documents on working days: a weekend day moves to the Friday before."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


def _add_items(project: Project, document: Document) -> None:
    rng = project.rng
    for key in project.job[1]:
        description, unit, price, rate, (fewest, most) = ITEMS[key]
        priced = document.has_prices
        services.item_add(
            document=document,
            description=description,
            quantity=Decimal(rng.randint(fewest, most)),
            unit=unit,
            unit_price=Decimal(price) if priced else None,
            vat_rate=Decimal(rate) if priced else None,
            discount_percent=Decimal(rng.choice([5, 10])) if rng.random() < 0.08 else Decimal(0),
        )


def _draft(project: Project, kind: str, day: date, **fields) -> Document:
    customer = project.customer
    person = customer.persons.first() if customer.is_company else None
    document = services.document_create_draft(
        user=project.user,
        customer=customer,
        kind=kind,
        today=day,
        person=person,
        subject=project.job[0],
        **fields,
    )
    _add_items(project, document)
    return document


def _issue(project: Project, draft: Document, day: date) -> Document:
    user = project.user
    if draft.kind == Kind.QUOTE:
        return services.quote_send(quote=draft, user=user, today=day)
    if draft.kind == Kind.DELIVERY_NOTE:
        return services.delivery_note_issue(delivery_note=draft, user=user, today=day)
    return services.invoice_issue(invoice=draft, user=user, today=day)


def _payments(project: Project, invoice_key: str, issued: date) -> list[Step]:
    """How this customer pays: on time mostly, sometimes late, in parts, or not at all."""
    rng, terms = project.rng, max(project.customer.payment_terms_days, 2)
    habit = project.habit or rng.choices(list(HABITS), list(HABITS.values()))[0]
    if habit == "never" and issued > project.today - timedelta(days=150):
        return []  # old debts are collected by now; recent ones may still be outstanding
    due = issued + timedelta(days=terms)
    first = issued + timedelta(days=rng.randint(2, terms))
    if habit == "late":
        first = due + timedelta(days=rng.randint(5, 40))
    if not habit.startswith("partly"):
        return [(first, lambda: _pay(project, invoice_key, first, share=None))]
    share = Decimal(rng.choice([30, 40, 50]))
    steps = [(first, lambda: _pay(project, invoice_key, first, share=share))]
    if habit == "partly":  # the rest follows later; with "partly_open" it is still owed
        rest = due + timedelta(days=rng.randint(20, 60))
        steps.append((rest, lambda: _pay(project, invoice_key, rest, share=None)))
    return steps


def _pay(project: Project, invoice_key: str, day: date, *, share: Decimal | None) -> None:
    invoice = project.documents[invoice_key]
    invoice.refresh_from_db()
    amount = invoice.open_amount
    if share is not None:
        amount = (invoice.gross_total * share / 100).quantize(Decimal("0.01"))
    note = "Überweisung" if share is None else "Abschlagszahlung"
    services.payment_record(invoice=invoice, amount=amount, date=day, note=note, user=project.user)


# --- Stories -----------------------------------------------------------------------------------


def _new(project: Project, key: str, kind: str, day: date, issue: bool = True) -> None:
    draft = _draft(project, kind, day)
    project.documents[key] = _issue(project, draft, day) if issue else draft


def _convert(project: Project, key: str, kind: str, day: date) -> None:
    draft = services.quote_convert(
        quote=project.documents["quote"], kind=kind, user=project.user, today=day
    )
    project.documents[key] = _issue(project, draft, day)


def _answer(project: Project, accept: bool) -> None:
    quote = project.documents["quote"]
    if accept:
        services.quote_accept(quote=quote, user=project.user)
    else:
        services.quote_reject(quote=quote, user=project.user)


def _quote_steps(project: Project, start: date, story: str) -> list[Step]:
    rng = project.rng
    steps: list[Step] = [(start, lambda: _new(project, "quote", Kind.QUOTE, start))]
    if story == "quote_open":
        return steps
    answered = _weekday(start + timedelta(days=rng.randint(2, 20)))
    steps.append((answered, lambda: _answer(project, accept=story == "quote_accepted")))
    if story == "quote_rejected":
        return steps
    day = answered
    if rng.random() < 0.4:
        day = _weekday(day + timedelta(days=rng.randint(5, 20)))
        delivered = day
        steps.append((delivered, lambda: _convert(project, "note", Kind.DELIVERY_NOTE, delivered)))
    billed = _weekday(day + timedelta(days=rng.randint(3, 25)))
    steps.append((billed, lambda: _convert(project, "invoice", Kind.INVOICE, billed)))
    return steps + _payments(project, "invoice", billed)


def _invoice_steps(project: Project, start: date) -> list[Step]:
    return [(start, lambda: _new(project, "invoice", Kind.INVOICE, start))] + _payments(
        project, "invoice", start
    )


def _cancelled_steps(project: Project, start: date) -> list[Step]:
    """An invoice cancelled by a Stornorechnung a few days later, then issued again correctly."""
    rng = project.rng
    cancelled = _weekday(start + timedelta(days=rng.randint(2, 10)))
    reason = rng.choice(CANCEL_REASONS)

    def cancel() -> None:
        services.invoice_cancel(
            invoice=project.documents["wrong"], user=project.user, reason=reason, today=cancelled
        )
        _new(project, "invoice", Kind.INVOICE, cancelled)

    return [
        (start, lambda: _new(project, "wrong", Kind.INVOICE, start)),
        (cancelled, cancel),
        *_payments(project, "invoice", cancelled),
    ]


def _story_steps(project: Project, story: str, start: date) -> list[Step]:
    if story.endswith("_draft"):
        kind = Kind.QUOTE if story == "quote_draft" else Kind.INVOICE
        return [(start, lambda: _new(project, "draft", kind, start, issue=False))]
    if story.startswith("quote"):
        return _quote_steps(project, start, story)
    if story == "invoice":
        return _invoice_steps(project, start)
    if story == "cancelled":
        return _cancelled_steps(project, start)
    return [(start, lambda: _new(project, "note", Kind.DELIVERY_NOTE, start))]


def _monthly_steps(project: Project, today: date) -> list[Step]:
    """A maintenance contract billed monthly for the month before, stating the service period
    (§ 14 Abs. 4 Nr. 6 UStG)."""
    steps: list[Step] = []
    month = (today - timedelta(days=DAYS_BACK)).replace(day=1)
    while True:
        following = (month + timedelta(days=32)).replace(day=1)
        billed = _weekday(following + timedelta(days=2))
        if billed > today:
            return steps
        first, last = month, following - timedelta(days=1)
        subject = f"Objektbetreuung {MONTHS.split()[month.month - 1]} {month.year}"

        def bill(billed=billed, first=first, last=last, subject=subject) -> None:
            fields = {"service_date": first, "service_period_end": last, "subject": subject}
            draft = services.document_create_draft(
                user=project.user,
                customer=project.customer,
                kind=Kind.INVOICE,
                today=billed,
                **fields,
            )
            _add_items(project, draft)
            project.documents[f"monthly-{first}"] = _issue(project, draft, billed)

        steps.append((billed, bill))
        steps += _payments(project, f"monthly-{first}", billed)
        month = following


# --- Choosing customers ------------------------------------------------------------------------


@dataclass
class Pools:
    """Home-country customers by role. Foreign ones get no demo documents: invoices to EU
    businesses would need reverse charge, which the documents do not model yet."""

    numbered: list[Customer]
    prospects: list[Customer]
    uninterested: list[Customer]


def _pools() -> Pools:
    customers = list(Customer.objects.filter(country="DE").select_related("status").order_by("pk"))
    prospects = [c for c in customers if not c.number]
    return Pools(
        numbered=[c for c in customers if c.number and not c.archived],
        prospects=[c for c in prospects if c.status.name != "Kein Interesse"],
        uninterested=[c for c in prospects if c.status.name == "Kein Interesse"],
    )


def _customer_for(rng: random.Random, pools: Pools, story: str, prospect: bool) -> Customer:
    """Quotes go to prospects and customers alike; a prospect's first invoice gives it its
    customer number (the rule at work); those without interest only decline."""
    if prospect and pools.prospects:
        return rng.choice(pools.prospects)
    if story == "quote_rejected" and pools.uninterested and rng.random() < 0.4:
        return rng.choice(pools.uninterested)
    if story.startswith("quote") and pools.prospects and rng.random() < 0.5:
        return rng.choice(pools.prospects)
    if story in ("invoice", "invoice_draft") and pools.prospects and rng.random() < 0.1:
        return rng.choice(pools.prospects)
    return rng.choice(pools.numbered or pools.prospects)


def _job_for(rng: random.Random, customer: Customer) -> tuple:
    jobs = [job for job in JOBS if not job[2] or not customer.is_company]
    return rng.choice(jobs)


# --- Putting it together -----------------------------------------------------------------------


@contextmanager
def _history_author(user):
    """Record `user` as the author of customer changes (new numbers), as a view would."""
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def _days_ago(rng: random.Random, story: str) -> int:
    """Drafts are current work; many open quotes are recent, the rest has long expired."""
    if story.endswith("_draft"):
        return rng.randint(0, 14)
    if story == "quote_open" and rng.random() < 0.6:
        return rng.randint(1, 25)
    return rng.randint(1, DAYS_BACK)


def _plan(rng: random.Random, count: int, today: date, user) -> list[tuple[date, int, Callable]]:
    pools = _pools()
    if not (pools.numbered or pools.prospects):
        return []
    stories = list(GUARANTEED)
    while len(stories) < count:
        name = rng.choices(list(STORIES), list(STORIES.values()))[0]
        stories.append(Story(name, _days_ago(rng, name)))
    steps: list[Step] = []
    for story in stories[:count]:
        customer = _customer_for(rng, pools, story.name, story.prospect)
        project = Project(rng, customer, _job_for(rng, customer), user, today, story.habit)
        start = _weekday(today - timedelta(days=story.days_ago))
        steps += _story_steps(project, story.name, start)
    contracts = [c for c in pools.numbered if c.is_company][: count // 60]
    for customer in contracts:
        project = Project(rng, customer, ("", ["objekt"], False), user, today)
        steps += _monthly_steps(project, today)
    # Only what has happened by today; the rest of a story is still to come.
    return sorted(
        ((day, index, action) for index, (day, action) in enumerate(steps) if day <= today),
        key=lambda step: step[:2],
    )


def demo_documents_load(
    *, seed: int = 42, count: int = 200, today: date | None = None
) -> DemoDocumentsResult:
    """`count` projects over the last two years (about 1.5 documents each), plus the monthly
    invoices of a few maintenance contracts. The caller holds the transaction and checks that
    there are no documents yet."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    demo_company_fill()
    user = get_user_model().objects.filter(username="mitarbeiter").first()
    with _history_author(user):
        for _day, _index, action in _plan(rng, count, today, user):
            action()
    by_kind = dict.fromkeys(Kind.values, 0)
    by_kind.update(Document.objects.order_by().values_list("kind").annotate(n=Count("id")))
    return DemoDocumentsResult(documents=sum(by_kind.values()), by_kind=by_kind)
