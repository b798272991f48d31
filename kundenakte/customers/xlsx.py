"""A one-sheet XLSX file of text cells, written row by row: the customer export's file format.

Why not a library: xlsxwriter (constant-memory mode) spends about 10 µs of Python per cell
(argument checks, a tuple per cell, then three regular expressions and an attribute escape when
it writes the row out), 14–16 s for the 1.4 million cells of 100,000 customers on the bench
machine; openpyxl's write-only mode is slower still, pyexcelerate about as slow and not
streaming (docs/benchmarks.md, "Issue #12: the XLSX export under 5 s"). This module writes
each row as one string, about 1 µs per cell, and compresses as it goes, so memory stays flat.

The price is that the format is ours to keep right, and it is kept deliberately small: one
worksheet, every cell a text cell (an inline string, as xlsxwriter's constant-memory mode writes
them, so postal codes keep their leading zeros and nothing is ever a formula), a bold header row
that stays in view while scrolling. A file that needs numbers with formats, dates, several
sheets or column widths should go back to xlsxwriter. The tests read the file back with openpyxl
and with calamine (the engine of the import) and compare it cell by cell with the CSV.

The parts follow ECMA-376 Part 1 (SpreadsheetML) in their minimal form: the content types, the
package and workbook relationships, the workbook, the styles (the default font and a bold one)
and the worksheet, laid out as xlsxwriter lays them out, less the parts that only describe the
document (docProps, theme). LibreOffice Calc read the export of 100,000 customers back value
for value (docs/benchmarks.md).
"""

import re
import zipfile
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

# Rows per piece of XML handed to the compressor.
ROWS_PER_WRITE = 1000
# zlib's fastest level: for the export of 100,000 customers it takes 0.4 s instead of 1.2 s at
# the default level 6, for a file about a fifth larger (12 instead of 10 MB). Without ZIP64 a
# part holds at most 2 GiB of XML: about two million customers.
COMPRESSLEVEL = 1

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    f"{_DECLARATION}"
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0 is the default, style 1 the header's bold font.
_STYLES = (
    f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# The header row stays in view: the pane below row 1 is frozen.
_SHEET_START = (
    f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"

# Excel reads _xHHHH_ in a cell's text as an escaped character; a literal one keeps its
# underscore escaped as _x005F_ (ECMA-376 Part 1, 22.4.2.4, "ST_Xstring").
_EXCEL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NOT_IN_SHEET_NAMES = frozenset("[]:*?/\\")


def _workbook(sheet: str) -> str:
    return (
        f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        "<bookViews><workbookView/></bookViews>"
        f'<sheets><sheet name={quoteattr(sheet)} sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )


def column_name(index: int) -> str:
    """The letters of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _row(number: int, columns: list[str], values: Sequence[str], style: str = "") -> str:
    """A <row>; an empty value is no cell at all.

    The values must not hold characters that XML cannot carry (control characters other than
    tab and line breaks, lone surrogates); the export removes them (core.clean_text). So NUL
    can separate them while the row is escaped as one string, which for 100,000 customers takes
    0.4 s less than value by value. Every text keeps its spaces as they are (xml:space), which
    saves looking for leading and trailing ones.
    """
    line = escape("\0".join(values))
    if "_x" in line:
        line = _EXCEL_ESCAPE.sub(r"_x005F\g<0>", line)
    cells = "".join(
        [
            f'<c r="{column}{number}"{style} t="inlineStr"><is><t xml:space="preserve">{text}'
            "</t></is></c>"
            for column, text in zip(columns, line.split("\0"), strict=True)
            if text
        ]
    )
    return f'<row r="{number}">{cells}</row>'


def write(
    target: BinaryIO, *, sheet: str, header: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """Write `header` (in bold) and `rows`, lists of text values, into the file object
    `target` as an XLSX workbook with one worksheet named `sheet`."""
    if not 0 < len(sheet) <= 31 or _NOT_IN_SHEET_NAMES.intersection(sheet):
        raise ValueError(f"Excel does not accept {sheet!r} as a sheet name")
    columns = [column_name(index) for index in range(len(header))]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSLEVEL) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _PACKAGE_RELS)
        zf.writestr("xl/workbook.xml", _workbook(sheet))
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        with zf.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write((_SHEET_START + _row(1, columns, header, ' s="1"')).encode())
            numbered = enumerate(rows, start=2)
            while piece := list(islice(numbered, ROWS_PER_WRITE)):
                part.write("".join([_row(n, columns, row) for n, row in piece]).encode())
            part.write(_SHEET_END.encode())
