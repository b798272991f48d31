"""The document tallies the database keeps (kundenakte/documents/revenue.py).

Written only by triggers and `manage.py recount_derived`; never save() them. Ordinary (managed)
models, so that `flush` empties them together with the documents and `dumpdata` includes them.
"""

from django.db import models

from kundenakte.core.clean_text import CleanTextModel


class RevenueMonth(CleanTextModel):
    """Net revenue in cents per (customer, "YYYY-MM")."""

    pk = models.CompositePrimaryKey("customer_id", "month")
    customer_id = models.BigIntegerField()
    month = models.CharField(max_length=7)
    cents = models.BigIntegerField()

    class Meta:
        db_table = "documents_revenue_month"

    def __str__(self) -> str:
        return f"{self.customer_id} {self.month}: {self.cents}"


class CustomerDocumentCount(CleanTextModel):
    """Documents per (customer, kind, status), drafts included."""

    pk = models.CompositePrimaryKey("customer_id", "kind", "status")
    customer_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    n = models.BigIntegerField()

    class Meta:
        db_table = "documents_customer_count"

    def __str__(self) -> str:
        return f"{self.customer_id} {self.kind}/{self.status}: {self.n}"
