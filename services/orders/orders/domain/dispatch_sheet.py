"""The dispatch sheet a seller uploads: an order number, a carrier and a tracking number a row."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from orders.domain.carriers import CARRIERS
from servicekit.languages import Message, _
from servicekit.spreadsheets import UTF8_BOM

HEADER = ("order_number", "carrier", "tracking_number")
# Korean Excel users keep the header their own staff understands.
KOREAN_HEADER = ("주문번호", "택배사", "송장번호")
MAX_ROWS = 1000

_CARRIER_CODES = {
    **{carrier.code: carrier.code for carrier in CARRIERS.values()},
    **{carrier.name.replace(" ", "").lower(): carrier.code for carrier in CARRIERS.values()},
}


class DispatchSheetRefused(ValueError):
    """The whole sheet cannot be read: nothing in it is dispatched. Its argument is the Message saying why."""


@dataclass(frozen=True)
class RowProblem:
    slug: str
    detail: Message


@dataclass(frozen=True)
class DispatchRow:
    """One data row: `row` counts data rows from 1, as a seller finds them below the header."""

    row: int
    order_number: str
    carrier: str
    tracking_number: str
    problem: RowProblem | None = None


def decoded(content: bytes) -> str:
    """The sheet's text: UTF-8 (with or without a BOM) first, then CP949, which Korean Excel writes."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp949")
        except UnicodeDecodeError:
            raise DispatchSheetRefused(_("Save the sheet as CSV in UTF-8 or CP949 (EUC-KR).")) from None
    if "\x00" in text:
        # No text a spreadsheet saves holds one, and the database refuses any order number that does.
        raise DispatchSheetRefused(_("The sheet holds a NUL character; save it again as CSV text."))
    return text.removeprefix(UTF8_BOM)


def carrier_code(given: str) -> str | None:
    """A carrier's code from its code in any case or its Korean name, spaces ignored; None if no carrier matches."""
    return _CARRIER_CODES.get(given.replace(" ", "").lower())


def _row_of(number: int, cells: list[str], seen: set[str]) -> DispatchRow:
    if len(cells) != len(HEADER):
        return DispatchRow(
            number, cells[0] if cells else "", "", "",
            RowProblem(
                "malformed-row", _("Give exactly %(count)s cells: %(cells)s.", count=len(HEADER), cells=", ".join(HEADER))
            ),
        )
    order_number, carrier, tracking_number = cells
    if not order_number:
        problem = RowProblem("order-number-missing", _("Give the order number."))
        return DispatchRow(number, "", carrier, tracking_number, problem)
    if order_number in seen:
        return DispatchRow(
            number, order_number, carrier, tracking_number,
            RowProblem("duplicate-order-number", _("An earlier row of this sheet already names this order.")),
        )
    seen.add(order_number)
    code = carrier_code(carrier)
    if code is None:
        known = ", ".join(f"{c.code} ({c.name})" for c in CARRIERS.values())
        return DispatchRow(
            number, order_number, carrier, tracking_number,
            RowProblem(
                "unknown-carrier",
                _("Unknown carrier %(carrier)s; use one of %(carriers)s.", carrier=repr(carrier), carriers=known),
            ),
        )
    return DispatchRow(number, order_number, code, tracking_number)


def read_dispatch_sheet(content: bytes) -> list[DispatchRow]:
    """The rows of an uploaded sheet, each with its own problem if it cannot be dispatched.

    Raises DispatchSheetRefused when the sheet as a whole is unusable: undecodable, empty, with
    another header, or longer than MAX_ROWS. Blank lines (Excel leaves some at the end) are skipped.
    """
    try:
        records = list(csv.reader(io.StringIO(decoded(content))))
    except csv.Error as unreadable:
        # A cell longer than csv's field limit (128 KiB), say: no dispatch row is anything like it.
        raise DispatchSheetRefused(_("The sheet cannot be read as CSV: %(error)s.", error=str(unreadable))) from None
    if not records:
        raise DispatchSheetRefused(_("The sheet is empty; download the template and fill it in."))
    header = tuple(cell.strip().lower() for cell in records[0])
    if header not in (HEADER, KOREAN_HEADER):
        raise DispatchSheetRefused(
            _(
                "The first row must be %(header)s (or %(korean_header)s).",
                header=",".join(HEADER),
                korean_header=",".join(KOREAN_HEADER),
            )
        )
    numbered = [
        (number, [cell.strip() for cell in record])
        for number, record in enumerate(records[1:], start=1)
        if any(cell.strip() for cell in record)
    ]
    if not numbered:
        raise DispatchSheetRefused(_("The sheet has a header but no rows."))
    if len(numbered) > MAX_ROWS:
        raise DispatchSheetRefused(_("At most %(most)s rows per sheet; this one has %(count)s.", most=MAX_ROWS, count=len(numbered)))
    seen: set[str] = set()
    return [_row_of(number, cells, seen) for number, cells in numbered]
