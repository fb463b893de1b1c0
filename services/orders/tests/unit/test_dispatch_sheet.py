"""Reading a seller's dispatch sheet as Excel saves it."""
import pytest

from orders.domain.dispatch_sheet import (
    HEADER,
    MAX_ROWS,
    DispatchRow,
    DispatchSheetRefused,
    read_dispatch_sheet,
)

HEADER_LINE = ",".join(HEADER)


def sheet(*lines: str, encoding="utf-8") -> bytes:
    return "\r\n".join(lines).encode(encoding)


def test_rows_are_numbered_from_the_first_below_the_header_and_carrier_codes_kept():
    rows = read_dispatch_sheet(sheet(HEADER_LINE, "2024010100001,cj,123456789012", "2024010100002,hanjin,1234567890"))

    assert rows == [
        DispatchRow(1, "2024010100001", "cj", "123456789012"),
        DispatchRow(2, "2024010100002", "hanjin", "1234567890"),
    ]


def test_a_cp949_sheet_with_korean_headers_and_carrier_names_is_read():
    content = sheet(
        "주문번호,택배사,송장번호", "2024010100001,CJ대한통운,123456789012", "2024010100002,우체국 택배,1234567890123",
        encoding="cp949",
    )

    rows = read_dispatch_sheet(content)

    assert [(row.order_number, row.carrier, row.problem) for row in rows] == [
        ("2024010100001", "cj", None),
        ("2024010100002", "epost", None),
    ]


def test_a_utf8_bom_before_the_header_is_ignored():
    content = "\ufeff주문번호,택배사,송장번호\n2024010100001,롯데택배,123456789012\n".encode("utf-8")

    assert read_dispatch_sheet(content)[0].carrier == "lotte"


def test_carrier_codes_are_matched_in_any_case_and_padding_is_trimmed():
    rows = read_dispatch_sheet(sheet("Order_Number , Carrier,tracking_number", " 2024010100001 , CJ ,123456789012"))

    assert rows == [DispatchRow(1, "2024010100001", "cj", "123456789012")]


def test_an_unknown_carrier_fails_only_its_row():
    rows = read_dispatch_sheet(sheet(HEADER_LINE, "1,fedex,123", "2,cj,123456789012"))

    assert rows[0].problem.slug == "unknown-carrier"
    assert "fedex" in str(rows[0].problem.detail)
    assert rows[1].problem is None


def test_a_repeated_order_number_fails_the_later_rows():
    rows = read_dispatch_sheet(sheet(HEADER_LINE, "1,cj,123456789012", "1,cj,999999999999", "1,fedex,1"))

    assert [row.problem and row.problem.slug for row in rows] == [
        None, "duplicate-order-number", "duplicate-order-number",
    ]


def test_rows_with_missing_cells_or_order_number_fail_on_their_own():
    rows = read_dispatch_sheet(sheet(HEADER_LINE, "1,cj", ",cj,123456789012"))

    assert [row.problem.slug for row in rows] == ["malformed-row", "order-number-missing"]


def test_blank_lines_are_skipped_but_do_not_shift_the_row_numbers():
    rows = read_dispatch_sheet(sheet(HEADER_LINE, "1,cj,123456789012", ",,", "2,cj,123456789012", ""))

    assert [(row.row, row.order_number) for row in rows] == [(1, "1"), (3, "2")]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        sheet(HEADER_LINE),
        sheet("order,courier,number", "1,cj,123456789012"),
        sheet(HEADER_LINE, *[f"{n},cj,123456789012" for n in range(MAX_ROWS + 1)]),
        b"\xff\xfe\xff order_number",
    ],
    ids=["empty", "header-only", "other-header", "too-many-rows", "undecodable"],
)
def test_a_sheet_that_cannot_be_used_as_a_whole_is_refused(content):
    with pytest.raises(DispatchSheetRefused):
        read_dispatch_sheet(content)


def test_a_sheet_of_exactly_the_most_rows_is_read():
    rows = read_dispatch_sheet(sheet(HEADER_LINE, *[f"{n},cj,123456789012" for n in range(MAX_ROWS)]))

    assert len(rows) == MAX_ROWS
