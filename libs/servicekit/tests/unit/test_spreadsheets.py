"""CSV a spreadsheet opens as Korean text and never runs as a formula."""
import csv
import io

from flask import Flask

from servicekit.spreadsheets import spreadsheet_csv, spreadsheet_download


def test_written_csv_starts_with_a_bom_and_guards_text_that_would_be_a_formula():
    written = spreadsheet_csv(
        ("name", "note", "quantity"), [("=HYPERLINK(\"x\")", "+82 10", -1), ("@SUM", "-", 2), ("홍길동", None, 3)]
    )

    assert written.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(written.removeprefix("\ufeff")))) == [
        ["name", "note", "quantity"],
        ["'=HYPERLINK(\"x\")", "'+82 10", "-1"],
        ["'@SUM", "'-", "2"],
        ["홍길동", "", "3"],
    ]


def test_an_export_is_a_csv_file_to_download_under_its_name():
    with Flask(__name__).app_context():
        response = spreadsheet_download(("day", "views"), [("2026-03-01", 4)], "views-2026-03.csv")

    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == "attachment; filename=views-2026-03.csv"
    assert response.get_data().decode("utf-8") == "\ufeffday,views\r\n2026-03-01,4\r\n"
