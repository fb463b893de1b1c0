"""CSV that spreadsheets open safely: a BOM so Excel shows Korean, and no cell that runs as a formula."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

from flask import Response

UTF8_BOM = "\ufeff"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: text that would start a formula gets a leading apostrophe.

    Only text is guarded; numbers are ours and a negative one must stay a number.
    """
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def spreadsheet_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV for Excel: a BOM so Korean shows as Korean, and every text cell guarded against formulas."""
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return out.getvalue()


def spreadsheet_download(header: Sequence[str], rows: Iterable[Sequence[object]], filename: str) -> Response:
    """The answer of an export: the rows as spreadsheet_csv, downloaded as `filename`."""
    return Response(
        spreadsheet_csv(header, rows).encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )
