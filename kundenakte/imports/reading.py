"""Reading an uploaded CSV or XLSX file as a heading row and a stream of data rows.

Rows are numbered as a spreadsheet shows them: the heading is row 1, so the first data row is 2,
and a CSV record with line breaks inside a quoted cell is still one row. Rows are produced one at
a time, never as a list of the whole file: 100,000 rows must fit in a worker's memory budget.
XLSX files are read by python-calamine (Rust), which is many times faster than openpyxl.
"""

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import python_calamine
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ENCODINGS = [("utf-8", "UTF-8"), ("cp1252", gettext_lazy("Windows-1252 (ANSI)"))]
DELIMITERS = [
    (";", gettext_lazy("Semicolon ;")),
    (",", gettext_lazy("Comma ,")),
    ("\t", gettext_lazy("Tab")),
]
_ENCODING_NAMES = {code for code, _label in ENCODINGS}
_DELIMITER_CHARS = [char for char, _label in DELIMITERS]
_XLSX_MAGIC = b"PK\x03\x04"
# Our export neutralises would-be formulas with a leading apostrophe (customers/export.py);
# reading its file back removes it again.
_FORMULA_STARTS = frozenset("=+-@\t\r")


class FileError(Exception):
    """The file cannot be read as asked; the message says why, in words for the user."""


@dataclass
class Table:
    headings: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)
    total: int  # data rows, empty ones included (for progress)


def detect(*, file_name: str, content: bytes) -> tuple[dict, dict]:
    """(read options, what was detected) for a new file: format, encoding and separator, or
    the sheets of a workbook. Refuses what is neither CSV nor XLSX."""
    if content.startswith(_XLSX_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        sheets = _workbook(content).sheet_names
        if not sheets:
            raise FileError(_("The workbook contains no sheet."))
        return {"sheet": sheets[0]}, {"format": "xlsx", "sheets": list(sheets)}
    if b"\x00" in content[:4096]:
        raise FileError(_("This is not a CSV or XLSX file."))
    encoding = _encoding(content)
    first_line = _decoded(content[:65536], encoding).split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    options = {"encoding": encoding, "delimiter": delimiter}
    return options, {"format": "csv", "encoding": encoding, "delimiter": delimiter}


def open_table(*, content: bytes, file_format: str, options: dict) -> Table:
    """The file read with the given options (see `detect`)."""
    if file_format == "xlsx":
        return _xlsx_table(content, options.get("sheet", ""))
    return _csv_table(content, options.get("encoding", "utf-8"), options.get("delimiter", ";"))


def check_options(*, file_format: str, detected: dict, options: dict) -> dict:
    """The options the user chose, checked against what this file allows."""
    if file_format == "xlsx":
        sheet = str(options.get("sheet", ""))
        if sheet not in detected.get("sheets", []):
            raise FileError(_("The workbook has no sheet of this name."))
        return {"sheet": sheet}
    encoding, delimiter = options.get("encoding"), options.get("delimiter")
    if encoding not in _ENCODING_NAMES:
        raise FileError(_("Choose UTF-8 or Windows-1252 as the encoding."))
    if delimiter not in _DELIMITER_CHARS:
        raise FileError(_("Choose semicolon, comma or tab as the separator."))
    return {"encoding": encoding, "delimiter": delimiter}


# CSV --------------------------------------------------------------------------------------------


def _encoding(content: bytes) -> str:
    """UTF-8 if the bytes are valid UTF-8 (with or without BOM), else Windows-1252: a file
    from Excel's "CSV" or an older program. Windows-1252 decodes nearly any byte, so it can
    only be the fallback."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20  # checked a megabyte at a time, not decoded whole: a 20 MB file is 40 MB text
    try:
        for start in range(0, len(content), step):
            decoder.decode(content[start : start + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _decoded(content: bytes, encoding: str) -> str:
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    return content.decode(codec, errors="replace")


def _delimiter(line: str) -> str:
    """The separator used most often in the heading line, outside quotes; `;` on a tie, as
    Excel in a German locale writes it."""
    outside, quoted = [], False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    counts = {char: outside.count(char) for char in _DELIMITER_CHARS}
    best = max(_DELIMITER_CHARS, key=lambda char: counts[char])
    return best if counts[best] else ";"


def _unneutralised(value: str) -> str:
    if value[:1] == "'" and value[1:2] in _FORMULA_STARTS:
        return value[1:]
    return value


def _csv_records(content: bytes, encoding: str, delimiter: str) -> Iterator[list[str]]:
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    stream = io.TextIOWrapper(io.BytesIO(content), encoding=codec, errors="strict", newline="")
    try:
        yield from csv.reader(stream, delimiter=delimiter, strict=False)
    except UnicodeDecodeError as exc:
        raise FileError(
            _("The file cannot be read as %(encoding)s: choose the other encoding.")
            % {"encoding": encoding}
        ) from exc
    except csv.Error as exc:
        message = _("The file is no readable CSV file (%(reason)s).") % {"reason": exc}
        raise FileError(message) from exc


def _csv_table(content: bytes, encoding: str, delimiter: str) -> Table:
    records = _csv_records(content, encoding, delimiter)
    headings = [cell.strip() for cell in next(records, [])]
    if not any(headings):
        raise FileError(_("The file has no heading row."))
    total = sum(1 for _record in _csv_records(content, encoding, delimiter)) - 1
    return Table(headings, _csv_numbered(records, len(headings)), total)


def _csv_numbered(records, width: int) -> Iterator[tuple[int, list[str]]]:
    """`_numbered` for CSV text cells, with the cell rule inlined: at 150,000 rows × 17
    cells a function call per cell is a second of the preview."""
    for number, record in enumerate(records, start=2):
        cells = [value.strip() for value in record[:width]]
        if not any(cells):
            continue
        if "\n'" in "\n".join(("", *cells)):  # a cell starts with an apostrophe: rare
            cells = [_unneutralised(value) for value in cells]
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        yield number, cells


def _numbered(records, width: int, cell, first: int = 2) -> Iterator[tuple[int, list[str]]]:
    """Data rows with their numbers, padded or cut to the headings' width; empty rows are
    skipped but counted, so the numbers stay those of the spreadsheet."""
    for number, record in enumerate(records, start=first):
        cells = [cell(value) for value in record[:width]]
        if not any(cells):
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        yield number, cells


# XLSX -------------------------------------------------------------------------------------------


def _workbook(content: bytes):
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # calamine raises its own errors and, for broken zips, others
        raise FileError(_("This is not a readable CSV or XLSX file.")) from exc


def _xlsx_cell(value) -> str:
    """A cell as the text a user sees: whole numbers without ".0" (customer numbers, postal
    codes typed as numbers), dates in German notation."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(value).replace(".", ",")
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        return str(value)
    return "" if value is None else str(value).strip()


def _xlsx_table(content: bytes, sheet_name: str) -> Table:
    workbook = _workbook(content)
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
    except Exception as exc:
        raise FileError(_("The workbook has no sheet of this name.")) from exc
    rows = iter(sheet.iter_rows())
    headings = [_xlsx_cell(value) for value in next(rows, [])]
    if not any(headings):
        raise FileError(_("The sheet has no heading row."))
    first_row = sheet.start[0] + 1 if sheet.start else 1
    return Table(
        headings,
        _numbered(rows, len(headings), _xlsx_cell, first=first_row + 1),
        max(sheet.height - 1, 0),
    )
