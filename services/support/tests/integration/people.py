"""What the support tests start from: an order and a product support knows of, and an inquiry opened."""
import uuid
from datetime import datetime, timezone

from support.models.order_view import KnownOrder, KnownOrderLine, KnownProduct, KnownShipment


def new_id():
    return str(uuid.uuid4())


def known_order(runtime, customer_id, seller_id, *, status="shipping", carrier="cj", tracking="601234567890"):
    """An order support heard of from orders' events: one line of a product of `seller_id`."""
    now = datetime.now(timezone.utc)
    order_id, product_id = new_id(), new_id()
    with runtime.unit_of_work() as uow:
        uow.session.add(KnownOrder(order_id=order_id, order_number="202611250000000001", customer_id=customer_id,
                                   status=status, updated_at=now))
        uow.session.flush()
        uow.session.add(KnownOrderLine(order_id=order_id, line_no=1, product_id=product_id, seller_id=seller_id,
                                       product_name="Jeju green tea", quantity=2, unit_price=12000))
        uow.session.add(KnownShipment(shipment_id=new_id(), order_id=order_id, seller_id=seller_id, status=status,
                                      carrier=carrier, tracking_number=tracking, updated_at=now))
        uow.commit()
    return {"order_id": order_id, "product_id": product_id}


def known_product(runtime, seller_id):
    product_id = new_id()
    with runtime.unit_of_work() as uow:
        uow.session.add(KnownProduct(product_id=product_id, seller_id=seller_id, name="Celadon tea cup",
                                     updated_at=datetime.now(timezone.utc)))
        uow.commit()
    return product_id


def opened(client, headers, **fields):
    body = {"inquiry_type": "other", "subject": "문의드립니다", "body": "안녕하세요", **fields}
    response = client.post("/api/inquiries", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json
