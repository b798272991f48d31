"""Task rows: escaped like a template, in German with the catalogue, the same on every page."""

import datetime

import pytest

from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import days_from_today, make_task

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_markup_in_a_task_is_shown_as_text(staff_client):
    customer = make_customer(short_name='Müller & "Söhne"')
    make_task(title="<script>alert('x')</script>", notes="<b>fett</b>", customer=customer)
    page = staff_client.get("/tasks/?scope=all").content.decode()
    # Jinja2 (the rows) spells escaped quotes &#39; and &#34;, Django &#x27; and &quot;.
    page = page.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    assert "<script>alert" not in page and "<b>fett" not in page
    title = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    assert f">{title}</a>" in page and f'aria-label="Mark “{title}” as done"' in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in page
    assert 'title="Müller &amp; &quot;Söhne&quot;">Müller &amp; &quot;Söhne&quot;</a>' in page


def test_long_notes_are_cut_short(staff_client):
    make_task(notes="x" * 200)
    page = staff_client.get("/tasks/?scope=all").content.decode()
    assert f'<span class="task-notes">{"x" * 159}…</span>' in page


def test_read_only_users_see_whether_a_task_is_done_but_no_form(readonly_client):
    make_task(title="Offen")
    make_task(title="Erledigt", done=True)
    open_page = readonly_client.get("/tasks/?scope=all").content.decode()
    done_page = readonly_client.get("/tasks/?scope=all&state=done").content.decode()
    assert 'role="img" aria-label="open"' in open_page
    assert 'role="img" aria-label="done"' in done_page
    for page in (open_page, done_page):
        assert 'name="csrfmiddlewaretoken"' not in page.split('id="task-board"')[1]


def test_the_rows_speak_german(staff_client, staff_user, settings):
    settings.LANGUAGE_CODE = "de"
    make_task(title="Spät", assignee=staff_user, due_date=days_from_today(-3))
    make_task(title="Heute", due_date=days_from_today(0), customer=make_customer())
    make_task(title="Erledigt", user=staff_user, done=True)
    make_task(title="Von selbst", done=True)
    open_page = staff_client.get("/tasks/?scope=all").content.decode()
    done_page = staff_client.get("/tasks/?scope=all&state=done").content.decode()
    today = f"{days_from_today(0):%d.%m.%Y}"
    for words in ('title="Als erledigt markieren"', "„Spät“ als erledigt markieren"):
        assert words in open_page
    for words in ("überfällig seit 3 Tagen<", "heute fällig<", "Zuständig: ", "niemand<"):
        assert words in open_page
    assert "Fällig: " in open_page and "Kunde: " in open_page
    for words in ('title="Wieder öffnen"', "„Erledigt“ wieder öffnen"):
        assert words in done_page
    assert f"erledigt am {today} von Sven-Staff<" in done_page
    assert f"erledigt am {today}<" in done_page


def test_the_day_a_task_was_done_is_the_local_day(staff_client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    task = make_task(done=True)
    late_evening_utc = datetime.datetime(2025, 3, 9, 23, 30, tzinfo=datetime.UTC)
    Task.objects.filter(pk=task.pk).update(done_at=late_evening_utc)
    page = staff_client.get("/tasks/?scope=all&state=done").content.decode()
    assert "done 03/10/2025<" in page


def test_the_row_after_a_tick_off_can_be_ticked_off_again_in_the_file(staff_client):
    customer = make_customer()
    task = make_task(customer=customer, due_date=days_from_today(-1))
    row = staff_client.post(
        f"/tasks/{task.pk}/toggle/",
        {"done": "1", "next": customer.get_absolute_url(), "hide_customer": "1"},
        **HTMX,
    ).content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in row
    assert '<input type="hidden" name="hide_customer" value="1">' in row
    assert f'href="/tasks/{task.pk}/edit/?next=/customers/{customer.pk}/"' in row


def test_rows_in_the_customer_file_link_back_to_it_without_naming_the_customer(
    staff_client, staff_user
):
    customer = make_customer(short_name="Kern")
    task = make_task(customer=customer, assignee=staff_user)
    page = staff_client.get(customer.get_absolute_url()).content.decode()
    section = page.split('id="section-tasks"')[1].split("</section>")[0]
    assert f'id="task-{task.pk}"' in section and ">Kern</a>" not in section
    assert f'<input type="hidden" name="next" value="/customers/{customer.pk}/">' in section
    assert '<input type="hidden" name="hide_customer" value="1">' in section
