"""The demo documents: every kind and state, real numbers, made through the services."""

import io
import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader
from stdnum import iban
from stdnum.de import stnr
from stdnum.eu import vat

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.models import Customer, Status
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import pdf
from kundenakte.documents.demo_data import GUARANTEED
from kundenakte.documents.management.commands import load_demo_documents as command
from kundenakte.documents.models import Document

pytestmark = pytest.mark.django_db

CUSTOMERS = 47  # the smallest customer demo: just its hand-picked firms
PROJECTS = len(GUARANTEED) + 4
Kind, DocStatus = Document.Kind, Document.Status


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def company():
    """The demo starts from the company the customer demo leaves: a name, no seller data
    (this replaces the documents conftest's fixture, which fills it in)."""


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One small demo for all tests of a class, loaded in a transaction that is rolled back
    after them; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        run("load_demo", "--count", str(CUSTOMERS))
        numbered_before = set(Customer.objects.exclude(number=None).values_list("pk", flat=True))
        output = run("load_demo_documents", "--if-empty", "--count", str(PROJECTS))
        yield numbered_before, output
        transaction.set_rollback(True)


class TestTheDemo:
    def test_it_makes_every_kind_in_every_state_over_the_last_two_years(self, demo):
        states = set(Document.objects.values_list("kind", "status"))
        assert states >= {
            (Kind.QUOTE, DocStatus.DRAFT),
            (Kind.QUOTE, DocStatus.SENT),
            (Kind.QUOTE, DocStatus.ACCEPTED),
            (Kind.QUOTE, DocStatus.REJECTED),
            (Kind.INVOICE, DocStatus.DRAFT),
            (Kind.INVOICE, DocStatus.ISSUED),
            (Kind.INVOICE, DocStatus.PAID),
            (Kind.INVOICE, DocStatus.CANCELLED),
            (Kind.DELIVERY_NOTE, DocStatus.ISSUED),
            (Kind.CANCELLATION, DocStatus.ISSUED),
        }
        today = timezone.localdate()
        days = Document.objects.issued().values_list("date", flat=True)
        assert max(days) <= today and (today - min(days)).days > 180
        assert "Demo documents loaded:" in demo[1]

    def test_invoices_are_open_overdue_or_partly_paid_and_quotes_open_or_expired(self, demo):
        today = timezone.localdate()
        documents = Document.objects
        open_items = documents.open_items()
        assert open_items.filter(due_date__gte=today).exists()
        assert documents.overdue(today=today).exists()
        assert open_items.filter(paid_total__gt=0).exists()
        assert documents.expired_quotes(today=today).exists()
        assert documents.unanswered_quotes().filter(valid_until__gte=today).exists()

    def test_numbers_are_unique_and_gap_free_per_kind_and_year_in_date_order(self, demo):
        issued = Document.objects.issued().order_by("number")
        numbers = list(issued.values_list("number", flat=True))
        assert len(numbers) == len(set(numbers))
        series = defaultdict(list)
        for document in issued:
            prefix, year, seq = re.fullmatch(r"([A-Z]+)-(\d{4})-(\d{5})", document.number).groups()
            assert int(year) == document.date.year
            series[prefix, year].append((int(seq), document.date))
        for entries in series.values():
            assert [seq for seq, _day in entries] == list(range(1, len(entries) + 1))
            assert [day for _seq, day in entries] == sorted(day for _seq, day in entries)

    def test_a_prospect_got_its_customer_number_with_its_first_invoice(self, demo):
        numbered_before, _output = demo
        newly = Customer.objects.exclude(number=None).exclude(pk__in=numbered_before)
        assert newly.exists()
        for customer in newly:
            assert customer.status.kind == Status.Kind.WITH_NUMBER
            invoices = customer.documents.filter(kind=Kind.INVOICE).issued()
            assert invoices.earliest("date").recipient["customer_number"] == customer.number

    def test_cancellations_mirror_their_invoice_and_payments_add_up(self, demo):
        cancellations = Document.objects.filter(kind=Kind.CANCELLATION)
        assert cancellations.exists()
        for cancellation in cancellations:
            assert cancellation.cancels.status == DocStatus.CANCELLED
            assert cancellation.gross_total == -cancellation.cancels.gross_total
        for invoice in Document.objects.filter(kind=Kind.INVOICE).issued():
            paid = sum(p.amount for p in invoice.payments.all())
            assert paid == invoice.paid_total
            assert (invoice.status == DocStatus.PAID) == (paid == invoice.gross_total)

    def test_the_seller_data_is_filled_in_valid_and_printed(self, demo):
        company = CompanySettings.load()
        assert company.company_name == "Muster Handwerk GmbH"
        assert company.city == "Berlin" and not company.missing_for_invoices
        assert vat.is_valid(company.vat_id) and company.vat_id.startswith("DE")
        assert stnr.is_valid(company.tax_number, "Berlin")
        assert iban.is_valid(company.iban) and company.iban.startswith("DE")
        invoice = Document.objects.filter(kind=Kind.INVOICE).issued().first()
        reader = PdfReader(io.BytesIO(pdf.document_pdf_bytes(invoice)))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert invoice.number in text and company.vat_id in text

    def test_if_empty_leaves_existing_documents_alone(self, demo, settings):
        settings.DEBUG = True
        count = Document.objects.count()
        output = run("load_demo_documents", "--if-empty", "--count", str(PROJECTS))
        assert "No demo documents loaded." in output
        assert Document.objects.count() == count
        with pytest.raises(CommandError, match="holds documents already"):
            run("load_demo_documents", "--count", str(PROJECTS))


def test_seller_data_already_entered_is_kept(settings):
    settings.DEBUG = True
    company = CompanySettings.load()
    company.company_name, company.iban = "Eigene Firma GmbH", "DE89370400440532013000"
    company.save()
    run("load_demo", "--count", str(CUSTOMERS))
    run("load_demo_documents", "--count", "3")
    company.refresh_from_db()
    assert (company.company_name, company.iban) == ("Eigene Firma GmbH", "DE89370400440532013000")
    assert company.vat_id  # the empty fields are filled


def test_it_needs_the_demo_customers_first(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="not the demo database: run load_demo"):
        run("load_demo_documents")


def test_it_never_mixes_demo_documents_with_customers_of_a_real_database(settings):
    settings.DEBUG = True
    make_customer()
    assert "No demo documents loaded." in run("load_demo_documents", "--if-empty")
    assert not Document.objects.exists()
    assert not CompanySettings.load().iban


def test_it_refuses_to_run_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only loaded in development"):
        run("load_demo_documents", "--if-empty")


def test_by_default_it_plans_200_projects():
    parser = command.Command().create_parser("manage.py", "load_demo_documents")
    assert parser.parse_args([]).count == 200
