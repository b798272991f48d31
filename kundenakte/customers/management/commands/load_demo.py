from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kundenakte.customers.demo import DEMO_PASSWORD, demo_load
from kundenakte.customers.models import Customer


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo data: users demo, mitarbeiter and lesen (password "
        "'demo'), statuses, tags and about 300 German customers with contact persons."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when customers exist already, as `make run` needs.",
        )
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42).")
        parser.add_argument(
            "--count",
            type=int,
            default=300,
            help="Number of customers (default 300; never fewer than the 47 hand-picked ones).",
        )

    def handle(self, *args, if_empty: bool, seed: int, count: int, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if not settings.DEBUG:
            # The demo users have the password "demo": never create them on a real installation.
            raise CommandError(
                "Demo data is only loaded in development (DEBUG=1), as `make run` does."
            )
        # One transaction: the emptiness check and the load cannot interleave with another
        # writer, and a failure leaves no half-built demo behind.
        with transaction.atomic():
            if Customer.objects.exists():
                if if_empty:
                    self.stdout.write("Customers exist already; no demo data loaded.")
                    return
                raise CommandError(
                    "The database holds customers already. Demo data is only loaded into an "
                    "empty database, so it never mixes with real data."
                )
            result = demo_load(seed=seed, count=count)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {result.customers} customers ({result.numbered} with a "
                f"customer number), {result.persons} contact persons."
            )
        )
        users = ", ".join(result.users)
        self.stdout.write(f"Users: {users} (password '{DEMO_PASSWORD}').")
