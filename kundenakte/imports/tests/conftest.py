"""Fixtures for the import's page tests: a stand-in for the engine's services, and import runs
built directly from the models."""

import importlib.util
import sys
import types

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

import kundenakte.imports
from kundenakte.accounts.roles import Role, role_permissions
from kundenakte.imports.models import ImportLine, ImportRun

# Whether the real engine (services, reading, fields, tasks) is there: the page tests replace
# it, the end-to-end tests need it.
ENGINE = importlib.util.find_spec("kundenakte.imports.services") is not None
NEEDS_ENGINE = pytest.mark.skipif(
    not ENGINE, reason="needs the import engine (kundenakte.imports.services), not on this branch"
)

FIELD_CHOICES = [
    ("", "— nicht importieren —"),
    ("company_name", "Firma"),
    ("postal_code", "PLZ"),
    ("city", "Ort"),
    ("email", "E-Mail"),
    ("person_first_name", "Vorname"),
    ("tags", "Tags"),
]
ENCODINGS = [("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (ANSI)")]
DELIMITERS = [(";", "Semikolon ;"), (",", "Komma ,"), ("\t", "Tabulator")]


class FakeEngine:
    """Records every service call; `refuse` makes the next calls raise ValidationError the way
    the real services refuse, `progress` is what import_progress reports."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.refuse: str | None = None
        self.progress = (0, 0)

    def names(self) -> list[str]:
        return [name for name, _kwargs in self.calls]

    def _record(self, name: str, **kwargs) -> None:
        self.calls.append((name, kwargs))
        if self.refuse:
            raise ValidationError(self.refuse)

    def import_start(self, *, user, file_name, content):
        self._record("import_start", user=user, file_name=file_name, content=content)
        return ImportRun.objects.create(file_name=file_name, content=content, created_by=user)

    def import_configure(self, *, run, user, read_options, mapping, duplicates):
        self._record(
            "import_configure",
            run=run,
            user=user,
            read_options=read_options,
            mapping=mapping,
            duplicates=duplicates,
        )
        return run

    def import_decide(self, *, run, user, decisions):
        self._record("import_decide", run=run, user=user, decisions=decisions)

    def import_apply(self, *, run, user):
        self._record("import_apply", run=run, user=user)
        return run

    def import_undo(self, *, run, user):
        self._record("import_undo", run=run, user=user)

    def import_progress(self, run):
        return self.progress

    def import_runs_for_list(self):
        return ImportRun.objects.defer("content").select_related("created_by")

    def modules(self) -> dict[str, dict]:
        services = {
            name: getattr(self, name)
            for name in dir(self)
            if name.startswith("import_") and callable(getattr(self, name))
        }
        return {
            "services": services,
            "fields": {"FIELD_CHOICES": FIELD_CHOICES},
            "reading": {"ENCODINGS": ENCODINGS, "DELIMITERS": DELIMITERS},
        }


@pytest.fixture
def engine(monkeypatch) -> FakeEngine:
    """The engine's modules replaced by a recording stand-in, for the tests of the pages."""
    fake = FakeEngine()
    for name, attributes in fake.modules().items():
        module = types.ModuleType(f"kundenakte.imports.{name}")
        module.__dict__.update(attributes)
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(kundenakte.imports, name, module, raising=False)
    return fake


def _grant_import(role: Role) -> None:
    """The roles get `imports.add_importrun` from the engine's change of accounts/roles.py;
    where that is not there yet, the tests give it to the group themselves."""
    permission = Permission.objects.get(content_type__app_label="imports", codename="add_importrun")
    if permission not in role_permissions(role):
        Group.objects.get(name=role.value).permissions.add(permission)


@pytest.fixture
def staff_user(staff_user):
    _grant_import(Role.STAFF)
    return staff_user


@pytest.fixture
def admin_user(admin_user):
    _grant_import(Role.ADMIN)
    return admin_user


CSV = b"Firma;PLZ;Ort;Bemerkung\r\nAdler GmbH;01067;Dresden;x\r\n"


def make_run(user=None, **fields) -> ImportRun:
    """A run of a small CSV file in the state given (READY by default), as the engine leaves it."""
    values = {
        "file_name": "kunden.csv",
        "content": CSV,
        "created_by": user,
        "state": ImportRun.State.READY,
        "read_options": {"encoding": "utf-8", "delimiter": ";"},
        "detected": {"format": "csv", "samples": [["Adler GmbH", "01067", "Dresden", "x"]]},
        "headings": ["Firma", "PLZ", "Ort", "Bemerkung"],
        "mapping": [
            {"field": "company_name", "clear": False},
            {"field": "postal_code", "clear": False},
            {"field": "city", "clear": True},
            {"field": "", "clear": False},
        ],
    }
    values.update(fields)
    return ImportRun.objects.create(**values)


def make_line(run: ImportRun, line: int, outcome: str, **fields) -> ImportLine:
    return ImportLine.objects.create(run=run, line=line, outcome=outcome, **fields)
