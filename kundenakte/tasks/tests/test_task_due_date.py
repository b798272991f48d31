"""A task's due date must be plausible: no year before 2000, none more than ten years ahead."""

import datetime

import pytest
from django.utils import timezone

from kundenakte.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["01.01.1900", "2099-01-01"])
def test_a_due_date_in_another_century_is_refused_on_its_field(staff_client, day):
    response = staff_client.post("/tasks/new/", {"title": "Frist", "due_date": day})
    assert response.status_code == 200
    latest = timezone.localdate().year + 10
    message = f"Enter a date between 01/01/2000 and 12/31/{latest}."
    assert response.context["form"].errors == {"due_date": [message]}
    assert message in response.content.decode()
    assert not Task.objects.exists()


def test_a_due_date_that_has_passed_is_still_accepted(staff_client):
    staff_client.post("/tasks/new/", {"title": "Nachtragen", "due_date": "02.01.2000"})
    assert Task.objects.get().due_date == datetime.date(2000, 1, 2)
