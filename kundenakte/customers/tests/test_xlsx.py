"""The XLSX writer of the export (customers/xlsx.py), read back as spreadsheet programs read it:
openpyxl, and calamine (the Rust reader the import uses, which like Excel decodes _xHHHH_)."""

import io
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from kundenakte.customers import xlsx

HEADER = ["Kundennummer", "Firma", "PLZ", "Ort"]


def written(rows, header=HEADER, sheet="Kunden") -> bytes:
    target = io.BytesIO()
    xlsx.write(target, sheet=sheet, header=header, rows=rows)
    return target.getvalue()


def calamine_rows(body: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(body)).get_sheet_by_index(0).to_python()


def test_text_comes_back_as_written_in_both_readers():
    rows = [
        ["10001", "Müller & Söhne <GmbH>", "01067", "Dresden"],
        ["=SUM(1)", "+49 351 1234", "-12,50", "@home"],
        ["", "Firma ohne Nummer", "", "Görlitz"],
        ["  10003", 'Anführungszeichen "innen" ', "12345", "Straße\nmit Umbruch"],
    ]
    body = written(rows)
    assert calamine_rows(body) == [HEADER, *rows]
    sheet = load_workbook(io.BytesIO(body)).active
    assert [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)] == [
        HEADER,
        *rows,
    ]


def test_every_cell_is_text_so_nothing_is_a_formula_or_a_number():
    sheet = load_workbook(
        io.BytesIO(written([["=SUM(1)", "=HYPERLINK(A1)", "01067", "1e5"]]))
    ).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [cell.data_type for cell in cells] == ["s"] * 4
    assert [cell.value for cell in cells] == ["=SUM(1)", "=HYPERLINK(A1)", "01067", "1e5"]


def test_an_empty_value_is_no_cell_and_the_next_value_keeps_its_column():
    body = written([["", "", "", "Ort allein"], ["K1", "", "", ""]])
    sheet = load_workbook(io.BytesIO(body)).active
    assert [cell.value for cell in sheet[2]] == [None, None, None, "Ort allein"]
    assert [cell.value for cell in sheet[3]] == ["K1", None, None, None]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        data = archive.read("xl/worksheets/sheet1.xml").decode()
    assert data.count("<c ") == len(HEADER) + 2


def test_text_that_looks_like_an_excel_escape_stays_literal():
    """Excel reads _x0041_ in a cell as "A"; a literal one is stored with its underscore
    escaped, as Excel itself does."""
    rows = [["_x0041_", "a_x00e4_b", "_x12", "plain_text"]]
    assert calamine_rows(written(rows))[1] == rows[0]


def test_the_header_is_bold_and_stays_in_view_on_the_named_sheet():
    workbook = load_workbook(io.BytesIO(written([["1", "2", "3", "4"]], sheet="Kunden & Co")))
    sheet = workbook.active
    assert workbook.sheetnames == ["Kunden & Co"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])


def test_every_part_is_well_formed_xml_and_declared():
    body = written([["1", "a", "b", "c"]])
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        for name in names:
            ElementTree.fromstring(archive.read(name))
        types = archive.read("[Content_Types].xml").decode()
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    }
    for part in ("/xl/workbook.xml", "/xl/worksheets/sheet1.xml", "/xl/styles.xml"):
        assert f'PartName="{part}"' in types


@pytest.mark.parametrize("sheet", ["", "Kunden/Lieferanten", "K" * 32])
def test_a_sheet_name_excel_refuses_is_refused_before_anything_is_written(sheet):
    target = io.BytesIO()
    with pytest.raises(ValueError):
        xlsx.write(target, sheet=sheet, header=HEADER, rows=[])
    assert target.getvalue() == b""


@pytest.mark.parametrize(
    ("index", "name"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")]
)
def test_column_names(index, name):
    assert xlsx.column_name(index) == name


def test_columns_past_z_land_where_they_belong():
    header = [f"Spalte {number}" for number in range(30)]
    row = [f"Wert {number}" if number % 3 else "" for number in range(30)]
    assert calamine_rows(written([row], header=header)) == [header, row]


def test_rows_keep_their_order_across_pieces(monkeypatch):
    monkeypatch.setattr(xlsx, "ROWS_PER_WRITE", 7)
    rows = [[str(number), f"Firma {number}", "", "Ort"] for number in range(50)]
    assert calamine_rows(written(iter(rows))) == [HEADER, *rows]


def test_no_rows_leave_the_header_alone():
    assert calamine_rows(written([])) == [HEADER]
