"""Steps of the journey that tests share: listing a product, placing an order, waiting for it to settle."""
from deploy.client import GatewayClient
from servicekit.testing import wait_for


def list_product(seller: GatewayClient, *, price: int = 15000, stock: int = 10, name: str = "Jeju green tea") -> dict:
    """List a product as soon as catalog has heard of the seller's approval (an event away)."""

    def attempt():
        response = seller.post("/api/products", json={"name": name, "price": price, "stock": stock})
        if response.status_code == 403 and response.json()["type"].endswith("seller-not-approved"):
            return None
        assert response.status_code == 201, response.text
        return response.json()

    return wait_for(attempt, what="catalog to learn of the seller's approval")


ADDRESS = {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236", "address1": "서울 강남구 테헤란로 152"}


def checkout(*lines: dict, token: str = "tok_ok", points: int = 0, coupon_ids=()) -> dict:
    """A checkout body as the storefront sends it: the lines, an address in Seoul, a card."""
    return {
        "items": list(lines),
        "shipping_address": ADDRESS,
        "points": points,
        "coupon_ids": list(coupon_ids),
        "payment": {"method": "card", "token": token},
    }


def line(product: dict, quantity: int, unit_price: int | None = None) -> dict:
    return {
        "product_id": product["id"],
        "seller_id": product["seller_id"],
        "quantity": quantity,
        "unit_price": product["price"] if unit_price is None else unit_price,
    }


def place_order(customer: GatewayClient, product: dict, quantity: int, token: str = "tok_ok", **kwargs):
    return customer.post("/api/orders", json=checkout(line(product, quantity), token=token), **kwargs)


def settled(customer: GatewayClient, order_id: str, timeout: float = 20) -> dict:
    """Wait until an order leaves pending, and return it."""

    def probe():
        order = customer.get(f"/api/orders/{order_id}").json()
        return order if order["status"] != "pending" else None

    return wait_for(probe, timeout=timeout, what=f"order {order_id} to be paid or cancelled")
