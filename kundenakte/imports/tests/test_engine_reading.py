"""Reading files: encodings, separators, quoting, XLSX cells and the row numbers users see."""

import io
from datetime import date

import pytest
import xlsxwriter

from kundenakte.imports import reading
from kundenakte.imports.tests.engine_helpers import csv_bytes


def table(content: bytes, file_name: str = "k.csv"):
    options, detected = reading.detect(file_name=file_name, content=content)
    result = reading.open_table(content=content, file_format=detected["format"], options=options)
    return options, detected, result


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_it_reads_utf8_with_or_without_bom_and_windows_1252(encoding):
    content = csv_bytes("Firma;Ort", "Müller GmbH;Köln", encoding=encoding)
    options, _detected, found = table(content)
    assert options["encoding"] == ("cp1252" if encoding == "cp1252" else "utf-8")
    assert found.headings == ["Firma", "Ort"]
    assert list(found.rows) == [(2, ["Müller GmbH", "Köln"])]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_it_detects_the_separator_from_the_heading_line(delimiter):
    content = csv_bytes(delimiter.join(["Firma", "PLZ", "Ort"]), delimiter.join(["A", "1", "B"]))
    options, _detected, found = table(content)
    assert options["delimiter"] == delimiter
    assert list(found.rows) == [(2, ["A", "1", "B"])]


def test_a_quoted_cell_with_line_breaks_is_one_row_and_numbers_stay_those_of_a_spreadsheet():
    content = csv_bytes("Firma;Notiz", '"A; B";"erste Zeile', 'zweite Zeile"', ";", "C;x", ";", "")
    _options, _detected, found = table(content)
    assert list(found.rows) == [(2, ["A; B", "erste Zeile\r\nzweite Zeile"]), (4, ["C", "x"])]


def test_our_exports_formula_neutralisation_is_undone():
    """Excel's own text marker before a phone number goes as well; other apostrophes stay."""
    content = csv_bytes("Firma;Notiz", "'=SUMME(A1);'-x", "'+49 30;'bleibt")
    _options, _detected, found = table(content)
    assert list(found.rows) == [(2, ["=SUMME(A1)", "-x"]), (3, ["+49 30", "'bleibt"])]


def test_other_files_are_refused_with_a_message():
    with pytest.raises(reading.FileError):
        reading.detect(file_name="bild.png", content=b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(reading.FileError):
        reading.detect(file_name="kaputt.xlsx", content=b"PK\x03\x04kaputt")


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    dates = workbook.add_format({"num_format": "dd.mm.yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


def test_xlsx_whole_numbers_have_no_decimals_and_dates_are_german():
    content = xlsx({"Kunden": [["Kundennummer", "Seit", "Rabatt"], [10500, date(2024, 3, 1), 2.5]]})
    options, detected, found = table(content, "k.xlsx")
    assert detected == {"format": "xlsx", "sheets": ["Kunden"]}
    assert options == {"sheet": "Kunden"}
    assert list(found.rows) == [(2, ["10500", "01.03.2024", "2,5"])]


def test_xlsx_reads_the_chosen_sheet_and_skips_empty_rows_but_counts_them():
    content = xlsx({"Leer": [["x"]], "Kunden": [["Firma"], ["A"], [None], ["B"], [None]]})
    found = reading.open_table(content=content, file_format="xlsx", options={"sheet": "Kunden"})
    assert list(found.rows) == [(2, ["A"]), (4, ["B"])]


def test_options_are_checked_against_the_file():
    with pytest.raises(reading.FileError):
        reading.check_options(file_format="csv", detected={}, options={"encoding": "latin9"})
    with pytest.raises(reading.FileError):
        reading.check_options(
            file_format="xlsx", detected={"sheets": ["A"]}, options={"sheet": "B"}
        )
    assert reading.check_options(
        file_format="csv", detected={}, options={"encoding": "cp1252", "delimiter": ","}
    ) == {"encoding": "cp1252", "delimiter": ","}
