"""A seller's desk: counts per status, confirming and dispatching many shipments at once, the packing list."""
import csv
import io
import time

import pytest

from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.testing.identities import as_admin, as_seller
from .desk_fixtures import paid_order, shipment_of
from .journey import new_id, recorded

SHEET_HEADER = "order_number,carrier,tracking_number"


@pytest.fixture
def desk(orders_client, orders_consumer, sign_identity):
    """A seller signed in with a second factor, and a way to make their paid orders."""

    class Desk:
        seller = new_id()
        headers = as_seller(sign_identity, seller)

        @staticmethod
        def paid(*other_sellers, **address):
            return paid_order(orders_client, orders_consumer, sign_identity, Desk.seller, *other_sellers, **address)

        @staticmethod
        def foreign(seller):
            """A paid order of another seller only."""
            return paid_order(orders_client, orders_consumer, sign_identity, seller)

        @staticmethod
        def confirmed(order):
            confirmation = orders_client.post(
                f"/api/shipments/{shipment_of(order, Desk.seller)}/confirmation", headers=Desk.headers
            )
            assert confirmation.status_code == 200, confirmation.json
            return order

        @staticmethod
        def preparing(**address):
            return Desk.confirmed(Desk.paid(**address))

    return Desk


def shipment(client, headers, shipment_id):
    return client.get(f"/api/shipments/{shipment_id}", headers=headers).json


def upload(client, headers, text):
    return client.post("/api/shipments/dispatches", data=text.encode("utf-8"), content_type="text/csv", headers=headers)


def problem_types(results):
    return [result.get("problem", {}).get("type", "").rsplit(":", 1)[-1] or None for result in results]


def read_csv(response):
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_counts_give_every_status_of_the_sellers_own_shipments(orders_client, sign_identity, desk):
    desk.paid()
    desk.paid()
    desk.preparing()
    shipped = shipment_of(desk.preparing(), desk.seller)
    dispatch = {"carrier": "cj", "tracking_number": "123456789012"}
    orders_client.post(f"/api/shipments/{shipped}/dispatch", json=dispatch, headers=desk.headers)
    cancelled = shipment_of(desk.paid(), desk.seller)
    cancellation = {"reason_code": "out_of_stock"}
    orders_client.post(f"/api/shipments/{cancelled}/cancellation", json=cancellation, headers=desk.headers)
    other_seller = new_id()
    desk.paid(other_seller)

    counts = orders_client.get("/api/shipments/counts", headers=desk.headers)

    assert counts.status_code == 200, counts.json
    assert counts.json == {
        "paid": 3, "preparing": 1, "shipping": 1, "delivered": 0, "purchase_confirmed": 0, "cancelled": 1,
    }
    others = orders_client.get("/api/shipments/counts", headers=as_seller(sign_identity, other_seller)).json
    assert (others["paid"], others["preparing"]) == (1, 0)


def test_an_admin_counts_every_sellers_shipments(orders_client, sign_identity, desk):
    desk.paid(new_id())
    admin = as_admin(sign_identity, second_factor_age=None)

    counts = orders_client.get("/api/shipments/counts", headers=admin).json

    assert counts["paid"] >= 2
    assert "pending" not in counts


def test_bulk_confirmation_confirms_own_paid_shipments_and_fails_the_others_row_by_row(
    orders_runtime, orders_client, sign_identity, desk
):
    first, second, already = desk.paid(), desk.paid(), desk.preparing()
    foreign_seller = new_id()
    foreign = desk.foreign(foreign_seller)
    ids = [
        shipment_of(first, desk.seller),
        shipment_of(foreign, foreign_seller),
        shipment_of(already, desk.seller),
        shipment_of(second, desk.seller),
        "not-a-shipment",
    ]

    response = orders_client.post("/api/shipments/confirmations", json={"shipment_ids": ids}, headers=desk.headers)

    assert response.status_code == 200, response.json
    assert response.json["confirmed"] == 2
    assert response.json["failed"] == 3
    results = response.json["results"]
    assert [result["shipment_id"] for result in results] == ids
    assert [result["ok"] for result in results] == [True, False, False, True, False]
    assert problem_types(results) == [None, "shipment-not-found", "illegal-transition", None, "shipment-not-found"]
    assert results[0]["status"] == results[3]["status"] == "preparing"
    assert shipment(orders_client, desk.headers, ids[0])["status"] == "preparing"
    assert shipment(orders_client, as_seller(sign_identity, foreign_seller), ids[1])["status"] == "paid"
    for order in (first, second):
        assert len(recorded(orders_runtime, order["id"], "OrderPreparing")) == 1
    assert recorded(orders_runtime, foreign["id"], "OrderPreparing") == []


def test_bulk_confirmation_takes_at_most_500_ids(orders_client, desk):
    response = orders_client.post(
        "/api/shipments/confirmations", json={"shipment_ids": [new_id() for _ in range(501)]}, headers=desk.headers
    )

    assert response.status_code == 422


def test_a_dispatch_sheet_ships_the_good_rows_and_says_why_each_other_row_failed(orders_client, desk):
    by_code, by_name, bad_carrier, bad_tracking, unconfirmed = (
        desk.preparing(), desk.preparing(), desk.preparing(), desk.preparing(), desk.paid(),
    )
    foreign = desk.foreign(new_id())
    sheet = "\n".join([
        SHEET_HEADER,
        f"{by_code['order_number']},cj,1234-5678-9012",
        f"{by_name['order_number']},한진택배,1234567890",
        f"{bad_carrier['order_number']},fedex,1234567890",
        f"{bad_tracking['order_number']},cj,12345",
        f"{foreign['order_number']},cj,123456789012",
        f"{unconfirmed['order_number']},cj,123456789012",
        f"{by_code['order_number']},lotte,123456789012",
    ])

    response = upload(orders_client, desk.headers, sheet)

    assert response.status_code == 200, response.json
    results = response.json["results"]
    assert [result["row"] for result in results] == [1, 2, 3, 4, 5, 6, 7]
    assert [result["ok"] for result in results] == [True, True, False, False, False, False, False]
    assert problem_types(results) == [
        None, None, "unknown-carrier", "invalid-tracking", "order-not-found", "illegal-transition", "duplicate-order-number",
    ]
    assert [result["problem"]["status"] for result in results[2:]] == [422, 422, 404, 409, 422]
    assert (response.json["dispatched"], response.json["failed"]) == (2, 5)
    assert results[0]["shipment_id"] == shipment_of(by_code, desk.seller)
    shipped = shipment(orders_client, desk.headers, shipment_of(by_code, desk.seller))
    assert shipped["status"] == "shipping"
    assert (shipped["tracking"]["carrier"], shipped["tracking"]["tracking_number"]) == ("cj", "123456789012")
    assert shipment(orders_client, desk.headers, shipment_of(by_name, desk.seller))["tracking"]["carrier"] == "hanjin"
    assert shipment(orders_client, desk.headers, shipment_of(bad_carrier, desk.seller))["status"] == "preparing"
    assert shipment(orders_client, desk.headers, shipment_of(unconfirmed, desk.seller))["status"] == "paid"


def test_a_cp949_sheet_with_korean_headers_uploaded_as_a_form_file_is_dispatched(orders_client, desk):
    order = desk.preparing()
    sheet = f"주문번호,택배사,송장번호\r\n{order['order_number']},CJ대한통운,123456789012\r\n".encode("cp949")

    response = orders_client.post(
        "/api/shipments/dispatches",
        data={"file": (io.BytesIO(sheet), "송장.csv")},
        content_type="multipart/form-data",
        headers=desk.headers,
    )

    assert response.status_code == 200, response.json
    assert response.json["dispatched"] == 1
    assert shipment(orders_client, desk.headers, shipment_of(order, desk.seller))["status"] == "shipping"


def test_a_utf8_sheet_with_a_bom_is_dispatched(orders_client, desk):
    order = desk.preparing()

    response = upload(orders_client, desk.headers, f"\ufeff{SHEET_HEADER}\n{order['order_number']},우체국택배,1234567890123\n")

    assert response.status_code == 200, response.json
    assert response.json["results"] == [
        {"row": 1, "order_number": order["order_number"], "ok": True, "shipment_id": shipment_of(order, desk.seller)}
    ]


@pytest.mark.parametrize(
    "sheet",
    [
        "",
        "order,courier,number\n{number},cj,123456789012",
        SHEET_HEADER + "\n{number},cj,123456789012" * 1001,
        SHEET_HEADER + "\n{number}\x00,cj,123456789012",
        SHEET_HEADER + "\n{number},cj,123456789012\n" + "1" * 200_000 + ",cj,123456789012",
    ],
    ids=["empty", "other-header", "more-than-1000-rows", "a-nul-character", "a-cell-beyond-what-csv-reads"],
)
def test_a_sheet_that_cannot_be_read_as_a_whole_dispatches_nothing(orders_client, desk, sheet):
    order = desk.preparing()

    response = upload(orders_client, desk.headers, sheet.format(number=order["order_number"]))

    assert response.status_code == 422
    assert response.json["type"].endswith("dispatch-sheet-refused")
    assert shipment(orders_client, desk.headers, shipment_of(order, desk.seller))["status"] == "preparing"


def test_a_sheet_larger_than_one_mebibyte_is_refused(orders_client, desk):
    response = upload(orders_client, desk.headers, SHEET_HEADER + "\n" + "x" * (1024 * 1024))

    assert response.status_code == 413


def test_the_dispatch_template_is_the_header_row(orders_client, desk):
    response = orders_client.get("/api/shipments/dispatch-template", headers=desk.headers)

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=dispatch-template.csv"
    assert response.data.decode("utf-8") == "\ufeff" + SHEET_HEADER + "\r\n"


def test_the_packing_list_has_a_row_per_line_to_pack_of_the_sellers_prepared_shipments(
    orders_client, sign_identity, desk
):
    other_seller = new_id()
    prepared = desk.preparing()
    shared = desk.confirmed(desk.paid(other_seller))
    orders_client.post(
        f"/api/shipments/{shipment_of(shared, other_seller)}/confirmation", headers=as_seller(sign_identity, other_seller)
    )
    desk.paid()

    response = orders_client.get("/api/shipments/packing-list", headers=desk.headers)

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    today = korean_day(clock.now()).strftime("%Y%m%d")
    assert response.headers["Content-Disposition"] == f"attachment; filename=packing-list-{today}.csv"
    rows = read_csv(response)
    assert rows[0] == {
        "order_number": prepared["order_number"],
        "recipient_name": "홍길동",
        "phone": "01012345678",
        "postcode": "06236",
        "address": "서울특별시 강남구 테헤란로 1 101호",
        "delivery_note": "문 앞에 놓아 주세요",
        "product_name": "Product 1",
        "option": "",
        "quantity": "2",
    }
    assert [(row["order_number"], row["product_name"]) for row in rows] == [
        (prepared["order_number"], "Product 1"),
        (shared["order_number"], "Product 1"),
    ]


def test_the_packing_list_of_paid_shipments_lists_those_not_yet_confirmed(orders_client, desk):
    paid = desk.paid()
    desk.preparing()

    rows = read_csv(orders_client.get("/api/shipments/packing-list?status=paid", headers=desk.headers))

    assert [row["order_number"] for row in rows] == [paid["order_number"]]


def test_the_packing_list_guards_cells_a_spreadsheet_would_run_as_formulas(orders_client, desk):
    desk.preparing(recipient_name="=HYPERLINK(\"http://evil\")", note="@SUM(A1)", address2="-1+1")

    row = read_csv(orders_client.get("/api/shipments/packing-list", headers=desk.headers))[0]

    assert row["recipient_name"] == "'=HYPERLINK(\"http://evil\")"
    assert row["delivery_note"] == "'@SUM(A1)"
    assert row["address"] == "서울특별시 강남구 테헤란로 1 -1+1"


@pytest.mark.parametrize(
    "method, path, kwargs",
    [
        ("get", "/api/shipments/counts", {}),
        ("post", "/api/shipments/confirmations", {"json": {"shipment_ids": ["x"]}}),
        ("post", "/api/shipments/dispatches", {"data": SHEET_HEADER.encode(), "content_type": "text/csv"}),
        ("get", "/api/shipments/dispatch-template", {}),
        ("get", "/api/shipments/packing-list", {}),
    ],
)
def test_a_seller_without_a_second_factor_is_refused(orders_client, sign_identity, method, path, kwargs):
    headers = as_seller(sign_identity, new_id(), second_factor_age=None)

    response = getattr(orders_client, method)(path, headers=headers, **kwargs)

    assert response.status_code == 403
    assert response.json["type"].endswith("second-factor-required")


def test_a_customer_may_not_use_the_desk(orders_client, sign_identity):
    customer = sign_identity(subject=new_id(), roles=["customer"], second_factor_at=int(time.time()))

    assert orders_client.get("/api/shipments/counts", headers=customer).status_code == 403
