"""The import's forms: the upload, how the file is read, the column mapping and the decisions
on possible duplicates. They check what the user sent; the services decide (and check the file
itself in depth).

The choice lists come from the engine's modules (`imports.fields`, `imports.reading`), imported
when a form is built, so that this module loads on its own.
"""

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextFormMixin
from kundenakte.imports.models import ImportRun

SUFFIXES = (".csv", ".txt", ".xlsx")


class UploadForm(CleanTextFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or Excel file (XLSX) with one customer per row and a heading row."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
        error_messages={
            "required": _("Please choose the file to import."),
            "empty": _("The file is empty."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix == ".xls":
            raise forms.ValidationError(
                _("Old Excel files (.xls) cannot be read: please save the file as XLSX or CSV.")
            )
        if suffix not in SUFFIXES:
            raise forms.ValidationError(
                _("Only CSV or XLSX files can be imported (this file ends in “%(suffix)s”)."),
                params={"suffix": suffix or "—"},
            )
        return upload


class ReadOptionsForm(CleanTextFormMixin, forms.Form):
    """How the file is read: encoding and separator of a CSV, or the sheet of an XLSX."""

    def __init__(self, *args, run: ImportRun, **kwargs):
        kwargs.setdefault("initial", dict(run.read_options))
        super().__init__(*args, **kwargs)
        if run.detected.get("format") == "xlsx":
            sheets = run.detected.get("sheets") or []
            self.fields["sheet"] = forms.ChoiceField(
                label=_("Sheet"), choices=[(name, name) for name in sheets]
            )
        else:
            from kundenakte.imports.reading import DELIMITERS, ENCODINGS

            self.fields["encoding"] = forms.ChoiceField(label=_("Encoding"), choices=ENCODINGS)
            self.fields["delimiter"] = forms.ChoiceField(label=_("Separator"), choices=DELIMITERS)

    def read_options(self, run: ImportRun) -> dict:
        return {**run.read_options, **self.cleaned_data}


class MappingForm(CleanTextFormMixin, forms.Form):
    """One field choice and one "clear empty cells" box per heading of the file."""

    def __init__(self, *args, run: ImportRun, **kwargs):
        super().__init__(*args, **kwargs)
        from kundenakte.imports.fields import FIELD_CHOICES

        self.headings = list(run.headings)
        mapping = list(run.mapping) + [{}] * (len(self.headings) - len(run.mapping))
        for index, (heading, entry) in enumerate(zip(self.headings, mapping, strict=False)):
            self.fields[f"field_{index}"] = forms.ChoiceField(
                label=heading or _("Column %(number)s") % {"number": index + 1},
                choices=FIELD_CHOICES,
                required=False,
                initial=entry.get("field", ""),
            )
            self.fields[f"clear_{index}"] = forms.BooleanField(
                label=_("clear empty cells"), required=False, initial=entry.get("clear", False)
            )

    def rows(self, samples: list[list[str]]) -> list[tuple]:
        """(heading, field select, clear box, example values) per column, for the table."""
        return [
            (heading, self[f"field_{index}"], self[f"clear_{index}"], examples)
            for index, (heading, examples) in enumerate(zip(self.headings, samples, strict=True))
        ]

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for index, heading in enumerate(self.headings):
            key = cleaned.get(f"field_{index}")
            if key and key in seen:
                label = dict(self.fields[f"field_{index}"].choices)[key]
                self.add_error(
                    f"field_{index}",
                    _("“%(field)s” is already taken by the column “%(other)s”.")
                    % {"field": label, "other": seen[key]},
                )
            elif key:
                seen[key] = heading
        return cleaned

    def mapping(self) -> list[dict]:
        return [
            {
                "field": self.cleaned_data[f"field_{index}"],
                # Clearing only means something for a column that is imported.
                "clear": bool(self.cleaned_data[f"field_{index}"])
                and self.cleaned_data[f"clear_{index}"],
            }
            for index in range(len(self.headings))
        ]


class DecisionsForm(CleanTextFormMixin, forms.Form):
    """The choice for every possible duplicate on the shown page, and the one for all others."""

    def __init__(self, *args, run: ImportRun, lines, **kwargs):
        super().__init__(*args, **kwargs)
        default = ImportRun.Duplicates(run.duplicates).label
        # Sent by a form of its own; left out, the choice for all stays as it is.
        self.fields["duplicates"] = forms.ChoiceField(
            label=_("For all possible duplicates"),
            choices=ImportRun.Duplicates.choices,
            initial=run.duplicates,
            required=False,
        )
        row_choices = [("", _("as for all (%(choice)s)") % {"choice": default})]
        row_choices += ImportRun.Duplicates.choices
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"line_{line.line}"] = forms.ChoiceField(
                label=_("Row %(row)s") % {"row": line.line},
                choices=row_choices,
                required=False,
                initial=line.decision,
            )

    def rows(self) -> list[tuple]:
        """(line, its choice) per possible duplicate, for the table."""
        return [(line, self[f"line_{line.line}"]) for line in self.lines]

    def decisions(self) -> dict[int, str]:
        return {line.line: self.cleaned_data[f"line_{line.line}"] for line in self.lines}
