"""What the buttons of an import's page send to the services, and what a refusal looks like."""

import pytest
from django.contrib.messages import get_messages

from kundenakte.imports.models import ImportLine, ImportRun
from kundenakte.imports.tests.conftest import make_line, make_run

pytestmark = pytest.mark.django_db

ACTIONS = ["read-options", "mapping", "decisions", "apply", "undo"]


def url(run, action: str) -> str:
    return f"/customers/import/{run.pk}/{action}/"


def mapping_post(**changes) -> dict:
    data = {
        "field_0": "company_name",
        "field_1": "postal_code",
        "field_2": "city",
        "clear_2": "on",
        "field_3": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("action", ACTIONS)
def test_read_only_users_may_not_act_on_an_import(engine, readonly_client, action):
    run = make_run()
    assert readonly_client.post(url(run, action), mapping_post()).status_code == 403
    assert engine.calls == []


@pytest.mark.parametrize("action", ACTIONS)
def test_actions_take_only_posts(engine, staff_client, action):
    assert staff_client.get(url(make_run(), action)).status_code == 405


def test_other_read_options_read_the_file_again(engine, staff_client, staff_user):
    run = make_run()
    response = staff_client.post(url(run, "read-options"), {"encoding": "cp1252", "delimiter": ","})
    assert response.status_code == 302 and response["Location"] == f"/customers/import/{run.pk}/"
    name, kwargs = engine.calls[0]
    assert name == "import_configure" and kwargs["user"] == staff_user
    assert kwargs["read_options"] == {"encoding": "cp1252", "delimiter": ","}
    assert kwargs["mapping"] == run.mapping and kwargs["duplicates"] == "skip"


def test_a_sheet_of_an_excel_file_can_be_chosen(engine, staff_client):
    run = make_run(
        read_options={"sheet": "Tabelle1"}, detected={"format": "xlsx", "sheets": ["Tabelle1", "B"]}
    )
    staff_client.post(url(run, "read-options"), {"sheet": "B"})
    assert engine.calls[0][1]["read_options"] == {"sheet": "B"}


def test_a_separator_that_is_not_offered_is_refused(engine, staff_client):
    response = staff_client.post(
        url(make_run(), "read-options"), {"encoding": "utf-8", "delimiter": "|"}
    )
    assert engine.calls == [] and response.status_code == 302
    assert any("Auswahl" in m for m in messages_of(response))


def test_a_changed_mapping_is_handed_to_the_service(engine, staff_client):
    run = make_run()
    staff_client.post(url(run, "mapping"), mapping_post(field_3="email", clear_1="on"))
    name, kwargs = engine.calls[0]
    assert name == "import_configure"
    assert kwargs["mapping"] == [
        {"field": "company_name", "clear": False},
        {"field": "postal_code", "clear": True},
        {"field": "city", "clear": True},
        {"field": "email", "clear": False},
    ]
    assert kwargs["read_options"] == run.read_options


def test_clearing_a_column_that_is_not_imported_means_nothing(engine, staff_client):
    staff_client.post(url(make_run(), "mapping"), mapping_post(field_2="", clear_2="on"))
    assert engine.calls[0][1]["mapping"][2] == {"field": "", "clear": False}


def test_one_field_for_two_columns_is_shown_at_the_column_and_nothing_is_sent(engine, staff_client):
    response = staff_client.post(url(make_run(), "mapping"), mapping_post(field_2="postal_code"))
    assert response.status_code == 200 and engine.calls == []
    html = response.content.decode()
    assert "„PLZ“ ist schon der Spalte „PLZ“ zugeordnet." in html
    # The page shows the user's choice again, not the stored mapping.
    assert html.count('<option value="postal_code" selected>') == 2


def test_a_field_that_does_not_exist_is_refused(engine, staff_client):
    response = staff_client.post(url(make_run(), "mapping"), mapping_post(field_0="password"))
    assert response.status_code == 200 and engine.calls == []
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()


def test_the_mapping_of_an_import_that_is_no_longer_a_preview_is_not_changed(engine, staff_client):
    run = make_run(state=ImportRun.State.APPLIED)
    response = staff_client.post(url(run, "mapping"), mapping_post())
    assert engine.calls == [] and response.status_code == 302
    assert messages_of(response) == [
        "Die Zuordnung kann nur geändert werden, solange die Vorschau angezeigt wird."
    ]


def test_what_the_service_refuses_comes_back_as_a_message(engine, staff_client):
    engine.refuse = "Der Import ist nicht mehr in der Vorschau."
    response = staff_client.post(url(make_run(), "mapping"), mapping_post())
    assert response.status_code == 302
    assert messages_of(response) == ["Der Import ist nicht mehr in der Vorschau."]


def test_decisions_per_row_are_saved_without_touching_the_default(engine, staff_client, staff_user):
    run = make_run(duplicate_count=2)
    make_line(run, 3, ImportLine.Outcome.DUPLICATE)
    make_line(run, 4, ImportLine.Outcome.DUPLICATE)
    make_line(run, 5, ImportLine.Outcome.ERROR)
    response = staff_client.post(
        url(run, "decisions"),
        {"duplicates": "skip", "line_3": "update", "line_4": "", "line_5": "create"},
    )
    assert response["Location"] == f"/customers/import/{run.pk}/#lines-duplicate"
    # Row 5 is no possible duplicate: its choice is not taken.
    assert engine.calls == [
        ("import_decide", {"run": run, "user": staff_user, "decisions": {3: "update", 4: ""}})
    ]


def test_a_new_default_for_all_duplicates_is_configured_after_the_rows(engine, staff_client):
    run = make_run(duplicate_count=1)
    make_line(run, 3, ImportLine.Outcome.DUPLICATE)
    staff_client.post(url(run, "decisions"), {"duplicates": "update", "line_3": "skip"})
    assert engine.names() == ["import_decide", "import_configure"]
    assert engine.calls[1][1]["duplicates"] == "update"
    assert engine.calls[1][1]["mapping"] == run.mapping


def test_the_choice_for_all_alone_prepares_the_preview_again(engine, staff_client):
    run = make_run(duplicate_count=1)
    make_line(run, 3, ImportLine.Outcome.DUPLICATE)
    staff_client.post(url(run, "decisions"), {"duplicates": "create"})
    assert engine.names() == ["import_configure"]
    assert engine.calls[0][1]["duplicates"] == "create"


def test_the_rows_alone_leave_the_choice_for_all(engine, staff_client):
    run = make_run(duplicate_count=1, duplicates=ImportRun.Duplicates.UPDATE)
    make_line(run, 3, ImportLine.Outcome.DUPLICATE)
    staff_client.post(url(run, "decisions"), {"line_3": "skip"})
    assert engine.names() == ["import_decide"]


def test_a_decision_that_is_not_offered_is_refused(engine, staff_client):
    run = make_run(duplicate_count=1)
    make_line(run, 3, ImportLine.Outcome.DUPLICATE)
    response = staff_client.post(url(run, "decisions"), {"duplicates": "skip", "line_3": "merge"})
    assert engine.calls == [] and messages_of(response)


def test_apply_hands_the_run_to_the_service_and_shows_its_page(engine, staff_client):
    run = make_run()
    response = staff_client.post(url(run, "apply"))
    assert engine.names() == ["import_apply"]
    assert response["Location"] == f"/customers/import/{run.pk}/"


def test_htmx_is_redirected_with_its_header(engine, staff_client):
    run = make_run()
    response = staff_client.post(url(run, "apply"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == f"/customers/import/{run.pk}/"


def test_undo_confirms_and_goes_back_where_it_was_asked(engine, staff_client):
    run = make_run(state=ImportRun.State.APPLIED)
    response = staff_client.post(url(run, "undo"), {"next": "/customers/import/?page=2"})
    assert engine.names() == ["import_undo"]
    assert response["Location"] == "/customers/import/?page=2"
    assert messages_of(response) == [f"Import {run.pk} wurde rückgängig gemacht."]


def test_undo_never_goes_to_another_site(engine, staff_client):
    run = make_run(state=ImportRun.State.APPLIED)
    response = staff_client.post(url(run, "undo"), {"next": "//evil.example/"})
    assert response["Location"] == f"/customers/import/{run.pk}/"


def test_an_undo_that_is_blocked_says_why(engine, staff_client):
    engine.refuse = "Nicht möglich: Für Adler GmbH wurde inzwischen eine Rechnung ausgestellt."
    run = make_run(state=ImportRun.State.APPLIED)
    response = staff_client.post(url(run, "undo"))
    assert messages_of(response) == [engine.refuse]
    page = staff_client.get(response["Location"]).content.decode()
    assert "Rückgängig machen" in page  # still applied, the button stays
