"""Answer templates: sellers keep their own, agents the platform's, and both fill them in for an inquiry."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import update

from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.models import Inquiry
from support.models.order_view import KnownOrder, KnownOrderLine, KnownShipment

URL = "/api/answer-templates"


def save(client, headers, body, title="Shipping update"):
    response = client.post(URL, json={"title": title, "body": body}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def known_order(runtime, customer_id, seller_id, shipments):
    """An order support heard of, one line of `seller_id`, with shipments of (seller, carrier, tracking number)."""
    order_id, now = str(uuid.uuid4()), datetime.now(timezone.utc)
    with runtime.unit_of_work() as uow:
        uow.session.add(KnownOrder(order_id=order_id, order_number="20261125-000042", customer_id=customer_id,
                                   status="shipped", updated_at=now))
        uow.session.flush()
        uow.session.add(KnownOrderLine(order_id=order_id, line_no=1, product_id=str(uuid.uuid4()), seller_id=seller_id,
                                       product_name="Green tea", quantity=1, unit_price=12000))
        for shipment_seller, carrier, tracking_number in shipments:
            uow.session.add(KnownShipment(shipment_id=str(uuid.uuid4()), order_id=order_id, seller_id=shipment_seller,
                                          status="shipped", carrier=carrier, tracking_number=tracking_number,
                                          updated_at=now))
        uow.commit()
    return order_id


def open_inquiry(client, sign_identity, customer_id, order_id=None, inquiry_type="shipping"):
    body = {"inquiry_type": inquiry_type, "subject": "Where is my tea?", "body": "It has not come."}
    if order_id is not None:
        body["order_id"] = order_id
    response = client.post("/api/inquiries", json=body, headers=as_customer(sign_identity, customer_id))
    assert response.status_code == 201, response.json
    return response.json


def rendered(client, headers, template, inquiry):
    return client.post(f"{URL}/{template['id']}/rendering", json={"inquiry_id": inquiry["id"]}, headers=headers)


def listed_ids(client, headers):
    response = client.get(URL, query_string={"page_size": 100}, headers=headers)
    assert response.status_code == 200, response.json
    return {t["id"] for t in response.json}


def test_a_seller_keeps_their_own_templates_and_sees_the_platforms(support_client, sign_identity):
    shop, other_shop = str(uuid.uuid4()), str(uuid.uuid4())
    own = save(support_client, as_seller(sign_identity, shop), "Thanks, {customer_name}!")
    others = save(support_client, as_seller(sign_identity, other_shop), "Hello {customer_name}")
    platform = save(support_client, as_agent(sign_identity), "Dear {customer_name}")

    seen = listed_ids(support_client, as_seller(sign_identity, shop))

    assert own["seller_id"] == shop and platform["seller_id"] is None
    assert {own["id"], platform["id"]} <= seen and others["id"] not in seen
    assert own["id"] not in listed_ids(support_client, as_agent(sign_identity))


def test_a_template_is_edited_and_deleted_only_by_who_keeps_it(support_client, sign_identity):
    shop = str(uuid.uuid4())
    template = save(support_client, as_seller(sign_identity, shop), "Thanks!")
    url = f"{URL}/{template['id']}"

    assert support_client.patch(url, json={"title": "x"}, headers=as_seller(sign_identity, str(uuid.uuid4()))).status_code == 404
    assert support_client.patch(url, json={"title": "x"}, headers=as_agent(sign_identity)).status_code == 404
    edited = support_client.patch(url, json={"body": "Thanks, {customer_name}."}, headers=as_seller(sign_identity, shop))
    assert (edited.status_code, edited.json["body"], edited.json["title"]) == (
        200, "Thanks, {customer_name}.", "Shipping update",
    )
    assert support_client.delete(url, headers=as_agent(sign_identity)).status_code == 404
    assert support_client.delete(url, headers=as_seller(sign_identity, shop)).status_code == 204
    assert template["id"] not in listed_ids(support_client, as_seller(sign_identity, shop))


def test_unknown_placeholders_are_refused_when_saving_or_editing(support_client, sign_identity):
    headers = as_agent(sign_identity)
    refused = support_client.post(URL, json={"title": "Coupon", "body": "Use {coupon_code}"},
                                  headers={**headers, "Accept-Language": "en"})
    template = save(support_client, headers, "Hello")
    edit = support_client.patch(f"{URL}/{template['id']}", json={"body": "{Customer_Name}"}, headers=headers)

    assert (refused.status_code, refused.json["errors"]["body"]) == (422, ["Unknown placeholder {coupon_code}."])
    assert edit.status_code == 422
    kept = support_client.get(URL, query_string={"page_size": 100}, headers=headers).json
    assert [t["body"] for t in kept if t["id"] == template["id"]] == ["Hello"]


def test_an_unknown_placeholder_is_refused_in_korean_unless_english_is_asked_for(support_client, sign_identity):
    headers = as_agent(sign_identity)
    body = {"title": "Coupon", "body": "Use {coupon_code}"}

    korean = support_client.post(URL, json=body, headers=headers)
    english = support_client.post(URL, json=body, headers={**headers, "Accept-Language": "en"})

    assert (korean.status_code, korean.headers["Content-Language"]) == (422, "ko")
    assert (korean.json["title"], korean.json["errors"]["body"]) == ("알 수 없는 변수", ["알 수 없는 변수입니다: {coupon_code}"])
    assert korean.json["detail"].startswith("다음 변수만 사용할 수 있습니다: {customer_name}")
    assert (english.status_code, english.headers["Content-Language"]) == (422, "en")
    assert (english.json["title"], english.json["errors"]["body"]) == ("Unknown placeholder", ["Unknown placeholder {coupon_code}."])
    assert english.json["detail"].startswith("Use only these placeholders: {customer_name}")


def test_a_template_with_a_nul_character_is_refused_naming_the_field(support_client, sign_identity):
    shop = str(uuid.uuid4())
    headers = as_seller(sign_identity, shop)
    refused = support_client.post(URL, json={"title": "Ship\u0000ping", "body": "Hello"}, headers=headers)

    assert (refused.status_code, list(refused.json["errors"])) == (422, ["title"])
    kept = support_client.get(URL, query_string={"page_size": 100}, headers=headers).json
    assert [t for t in kept if t["seller_id"] == shop] == []


def test_customers_and_sellers_without_a_second_factor_keep_no_templates(support_client, sign_identity):
    shop = str(uuid.uuid4())
    by_customer = support_client.post(URL, json={"title": "t", "body": "b"},
                                      headers=as_customer(sign_identity, str(uuid.uuid4())))
    by_seller = support_client.post(URL, json={"title": "t", "body": "b"},
                                    headers=as_seller(sign_identity, shop, second_factor_age=None))

    assert (by_customer.status_code, by_seller.status_code) == (403, 403)


def test_rendering_fills_the_inquiry_its_order_and_the_sellers_shipment(support_runtime, support_client,
                                                                         sign_identity):
    customer_id, shop = str(uuid.uuid4()), str(uuid.uuid4())
    order_id = known_order(support_runtime, customer_id, shop,
                           [(str(uuid.uuid4()), "LOTTE", "999"), (shop, "CJ", "1234-5678")])
    inquiry = open_inquiry(support_client, sign_identity, customer_id, order_id)
    template = save(support_client, as_seller(sign_identity, shop),
                    "{customer_name}, {order_number} ({product_name}) left with {carrier} {tracking_number}: "
                    "{inquiry_subject}")

    response = rendered(support_client, as_seller(sign_identity, shop), template, inquiry)

    assert response.status_code == 200, response.json
    assert response.json == {
        "body": "고객님, 20261125-000042 (Green tea) left with CJ 1234-5678: Where is my tea?",
        "missing": [],
    }


def test_rendering_inserts_the_customers_name_as_plain_text(support_runtime, support_client, sign_identity):
    customer_id = str(uuid.uuid4())
    inquiry = open_inquiry(support_client, sign_identity, customer_id, inquiry_type="account")
    with support_runtime.unit_of_work() as uow:
        uow.session.execute(update(Inquiry).where(Inquiry.id == inquiry["id"]).values(customer_name="{order_number}"))
        uow.commit()
    template = save(support_client, as_agent(sign_identity), "Hello {customer_name}")

    response = rendered(support_client, as_agent(sign_identity), template, inquiry)

    assert response.json == {"body": "Hello {order_number}", "missing": []}


def test_rendering_reports_what_the_inquiry_does_not_tell(support_runtime, support_client, sign_identity):
    customer_id = str(uuid.uuid4())
    order_id = known_order(support_runtime, customer_id, str(uuid.uuid4()), [])
    inquiry = open_inquiry(support_client, sign_identity, customer_id, order_id, inquiry_type="payment")
    template = save(support_client, as_agent(sign_identity), "{order_number}: {carrier} {tracking_number}")

    response = rendered(support_client, as_agent(sign_identity), template, inquiry)

    assert response.json == {"body": "20261125-000042: {carrier} {tracking_number}",
                             "missing": ["carrier", "tracking_number"]}


def test_the_only_shipment_of_an_order_is_used_when_the_inquiry_names_no_seller(support_runtime, support_client,
                                                                                 sign_identity):
    customer_id = str(uuid.uuid4())
    order_id = known_order(support_runtime, customer_id, str(uuid.uuid4()), [(str(uuid.uuid4()), "HANJIN", "42")])
    inquiry = open_inquiry(support_client, sign_identity, customer_id, order_id, inquiry_type="payment")
    template = save(support_client, as_agent(sign_identity), "{carrier} {tracking_number}")

    assert rendered(support_client, as_agent(sign_identity), template, inquiry).json["body"] == "HANJIN 42"


def test_a_seller_renders_only_their_own_or_platform_templates_on_their_own_inquiries(support_runtime,
                                                                                    support_client, sign_identity):
    customer_id, shop, other_shop = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    inquiry = open_inquiry(support_client, sign_identity, customer_id,
                           known_order(support_runtime, customer_id, shop, []))
    others_template = save(support_client, as_seller(sign_identity, other_shop), "Hi")
    own_template = save(support_client, as_seller(sign_identity, shop), "Hi")
    platform = save(support_client, as_agent(sign_identity), "Dear {customer_name}")

    assert rendered(support_client, as_seller(sign_identity, shop), others_template, inquiry).status_code == 404
    assert rendered(support_client, as_seller(sign_identity, other_shop), others_template, inquiry).status_code == 404
    assert rendered(support_client, as_seller(sign_identity, shop), platform, inquiry).status_code == 200
    assert rendered(support_client, as_agent(sign_identity), own_template, inquiry).status_code == 404
    assert rendered(support_client, as_agent(sign_identity), platform, inquiry).status_code == 200
