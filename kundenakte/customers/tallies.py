"""The tables the database keeps for the customer list (kundenakte/customers/tally.py and
tag_members.py define their triggers).

Written only by triggers and `manage.py recount_derived`; never save() them. They are ordinary
(managed) models so that `flush` empties them together with the customers and `dumpdata`
includes them. The ids are plain integers, not foreign keys: a tally row may outlive its
status for a moment, and a foreign key would make Django's delete collector visit them.
"""

from django.db import models

from kundenakte.core.clean_text import CleanTextModel


class CustomerTally(CleanTextModel):
    """Customers per (archived, status, initial), kept by triggers (customers.tally)."""

    pk = models.CompositePrimaryKey("archived", "status_id", "initial")
    archived = models.BooleanField()
    status_id = models.BigIntegerField()
    initial = models.CharField(max_length=1)
    n = models.BigIntegerField()

    class Meta:
        db_table = "customers_customer_tally"

    def __str__(self) -> str:
        return f"{self.archived}/{self.status_id}/{self.initial}: {self.n}"


class CustomerTagTally(CleanTextModel):
    """Customers per (tag, archived, status, initial), kept by triggers (customers.tally)."""

    pk = models.CompositePrimaryKey("tag_id", "archived", "status_id", "initial")
    tag_id = models.BigIntegerField()
    archived = models.BooleanField()
    status_id = models.BigIntegerField()
    initial = models.CharField(max_length=1)
    n = models.BigIntegerField()

    class Meta:
        db_table = "customers_customer_tag_tally"

    def __str__(self) -> str:
        return f"{self.tag_id}/{self.archived}/{self.status_id}/{self.initial}: {self.n}"


class CustomerTagMember(CleanTextModel):
    """One row per tag link with the customer's list facets, kept by triggers
    (customers.tag_members)."""

    pk = models.CompositePrimaryKey("tag_id", "archived", "status_id", "initial", "customer_id")
    tag_id = models.BigIntegerField()
    archived = models.BooleanField()
    status_id = models.BigIntegerField()
    initial = models.CharField(max_length=1)
    customer_id = models.BigIntegerField()

    class Meta:
        db_table = "customers_customer_tag_member"
        indexes = [models.Index(fields=["customer_id"], name="customer_tag_member_customer")]

    def __str__(self) -> str:
        return f"{self.tag_id}: {self.customer_id}"
