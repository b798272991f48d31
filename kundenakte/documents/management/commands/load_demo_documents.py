from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kundenakte.customers.demo_data import USERS
from kundenakte.customers.models import Customer
from kundenakte.documents.demo import demo_documents_load
from kundenakte.documents.models import Document


class Command(BaseCommand):
    help = (
        "Fill the demo database with documents of the last two years: quotes, invoices, "
        "delivery notes and Stornorechnungen, with payments. Run load_demo first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when documents exist already, as `make run` needs.",
        )
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42).")
        parser.add_argument(
            "--count",
            type=int,
            default=200,
            help="Number of projects (default 200, about 1.5 documents each), plus the monthly "
            "invoices of a few maintenance contracts.",
        )

    def handle(self, *args, if_empty: bool, seed: int, count: int, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if not settings.DEBUG:
            # Demo documents fill in the seller data: never on a real installation.
            raise CommandError(
                "Demo data is only loaded in development (DEBUG=1), as `make run` does."
            )
        # One transaction: the emptiness check and the load cannot interleave with another
        # writer, and a failure leaves no half-built demo behind.
        with transaction.atomic():
            problem = self._refusal()
            if problem and if_empty:
                self.stdout.write(f"{problem} No demo documents loaded.")
                return
            if problem:
                raise CommandError(problem)
            result = demo_documents_load(seed=seed, count=count)
        kinds = ", ".join(f"{n} {kind}" for kind, n in result.by_kind.items())
        self.stdout.write(
            self.style.SUCCESS(f"Demo documents loaded: {result.documents} ({kinds}).")
        )

    def _refusal(self) -> str:
        """Why demo documents do not belong here, or "": they go only into the demo database
        (load_demo's customers and users) and only while it has no documents."""
        if Document.objects.exists():
            return "The database holds documents already."
        demo_users = get_user_model().objects.filter(username__in=[u[0] for u in USERS])
        if not (Customer.objects.exists() and demo_users.exists()):
            return "This is not the demo database: run load_demo on an empty database first."
        return ""
