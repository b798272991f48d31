"""Reader: plain-SQL reads that give the instances the ORM would give."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.utils import timezone

from kundenakte.accounts.models import CompanySettings
from kundenakte.core.reader import Reader
from kundenakte.customers.models import Status

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in User._meta.concrete_fields]


def test_an_instance_reads_as_the_orm_reads_it_booleans_and_aware_datetimes_included():
    user = User.objects.create_user("erika", password="secret-pass-123", is_staff=True)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())

    read = Reader(User, "id = %s").first([user.pk])
    expected = User.objects.get(pk=user.pk)

    assert [getattr(read, name) for name in FIELDS] == [getattr(expected, n) for n in FIELDS]
    assert read.is_staff is True and read.is_superuser is False
    assert timezone.is_aware(read.last_login) and timezone.is_aware(read.date_joined)
    assert read._state.adding is False and read._state.db == "default"


def test_order_and_several_rows():
    names = [status.name for status in Reader(Status, order_by='kind, "position", name').all()]
    assert names == [status.name for status in Status.objects.all()]
    assert len(names) > 1


def test_values_are_bound_not_formatted_into_the_sql():
    User.objects.create_user("erika", password="secret-pass-123")
    reader = Reader(User, "username = %s")
    assert reader.first(["x' OR '1'='1"]) is None
    assert reader.first(["erika"]).username == "erika"
    assert User.objects.count() == 1


def test_a_deferred_field_is_read_when_asked_for():
    CompanySettings.objects.update_or_create(id=1, defaults={"logo": b"\x89PNG", "city": "Köln"})
    settings = Reader(CompanySettings, "id = %s", defer=("logo",)).first([1])
    assert "logo" in settings.get_deferred_fields()
    assert settings.city == "Köln"
    assert bytes(settings.logo) == b"\x89PNG"


def test_a_datetime_parameter_compares_like_the_orms(client):
    User.objects.create_user("erika", password="secret-pass-123")
    client.login(username="erika", password="secret-pass-123")
    session = Session.objects.get()
    reader = Reader(Session, "session_key = %s AND expire_date > %s")
    from django.db import connection

    def read(moment: datetime.datetime):
        return reader.first([session.session_key, connection.ops.adapt_datetimefield_value(moment)])

    assert read(session.expire_date - datetime.timedelta(seconds=1)) is not None
    assert read(session.expire_date + datetime.timedelta(microseconds=1)) is None
