"""The seller dashboard through the gateway, every process under gunicorn: a paid order and a visit show at once,
and with one service stopped the dashboard still answers, that part marked unavailable (G6)."""
from servicekit.testing import wait_for
from e2e.journey import list_product, place_order, settled


def dashboard_of(client) -> dict:
    response = client.get("/api/dashboard")
    assert response.status_code == 200, response.text
    return response.json()


def test_a_sellers_dashboard_shows_a_paid_order_a_visit_and_the_stock_it_left_low(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=15000, stock=3)
    threshold = seller.patch(f"/api/products/{product['id']}", json={"low_stock_threshold": 2})
    assert threshold.status_code == 200, threshold.text
    assert customer.post(f"/api/products/{product['id']}/views").status_code == 202
    order = place_order(customer, product, 2).json()
    assert settled(customer, order["id"])["status"] == "paid"

    response = seller.get("/api/dashboard")

    assert response.status_code == 200, response.text
    board = response.json()
    assert board["scope"] == "seller"
    assert set(board["parts"].values()) == {"ok"}, board["unavailable_because"]
    assert (board["orders"]["today"]["orders"], board["orders"]["today"]["revenue"]) == (1, 30000)
    assert (board["orders"]["this_month"]["orders"], board["orders"]["statuses"]["new"]) == (1, 1)
    assert board["products"]["visits"]["today"]["visitors"] == 1
    assert board["conversion"]["today"] == 1.0
    assert board["products"]["low_stock"]["products"] == [
        {"id": product["id"], "name": product["name"], "stock": 1, "threshold": 2}]
    assert (board["inquiries"]["open"], board["reviews"]["rating"]["count"]) == (0, 0)
    assert {metric.split(";")[0] for metric in response.headers["Server-Timing"].split(", ")} == set(board["parts"])


def test_an_admins_dashboard_covers_the_platform_and_the_sellers_waiting(staff_admin):
    board = dashboard_of(staff_admin)

    assert (board["scope"], board["parts"]["seller_approvals"]) == ("platform", "ok")
    assert board["seller_approvals"]["pending"] >= 0


def test_with_a_service_stopped_the_dashboard_still_answers_with_that_part_unavailable(platform, new_seller):
    seller = new_seller()
    platform.kill("reviews-web")
    try:
        board = dashboard_of(seller)
    finally:
        platform.start_web("reviews")
        platform.wait_until_ready(names=("reviews",))

    assert (board["parts"]["reviews"], board["reviews"]) == ("unavailable", None)
    assert "reviews" in board["unavailable_because"]["reviews"]
    assert {name: status for name, status in board["parts"].items() if name != "reviews"} == {
        "orders": "ok", "products": "ok", "inquiries": "ok", "notifications": "ok", "settlements": "ok"}
    assert wait_for(lambda: dashboard_of(seller)["parts"]["reviews"] == "ok", what="the reviews part to come back")
