"""The orders service answers in Korean unless the caller asks for English: its refusals, and the reasons a
dispatch sheet's rows failed, which a seller reads on their desk."""
from servicekit.testing.identities import as_customer, as_seller

from .journey import new_id

SHEET = "order_number,carrier,tracking_number\n,cj,123456789012\nA-1,fedex,1234567890\n"


def dispatched(client, headers, text):
    return client.post("/api/shipments/dispatches", data=text.encode("utf-8"), content_type="text/csv", headers=headers)


def test_an_unseen_order_is_refused_in_korean_by_default_and_in_english_when_asked(orders_client, sign_identity):
    customer = as_customer(sign_identity)
    path = f"/api/orders/{new_id()}"

    korean = orders_client.get(path, headers=customer)
    english = orders_client.get(path, headers={**customer, "Accept-Language": "en"})

    assert (korean.status_code, korean.headers["Content-Language"]) == (404, "ko")
    assert korean.json["detail"] == "이 ID로 조회할 수 있는 주문이 없습니다."
    assert (english.status_code, english.headers["Content-Language"]) == (404, "en")
    assert english.json["detail"] == "No order with this id is visible to you."


def test_the_reasons_a_dispatch_sheets_rows_failed_follow_the_sellers_language(orders_client, sign_identity):
    seller = as_seller(sign_identity, new_id())

    korean = dispatched(orders_client, seller, SHEET)
    english = dispatched(orders_client, {**seller, "Accept-Language": "en"}, SHEET)

    assert korean.json["results"][0]["problem"]["detail"] == "주문번호를 입력해 주세요."
    assert korean.json["results"][1]["problem"]["detail"].startswith(
        "알 수 없는 택배사입니다: 'fedex'. 다음 중 하나를 사용해 주세요: cj (CJ대한통운)"
    )
    assert english.json["results"][0]["problem"]["detail"] == "Give the order number."
    assert english.json["results"][1]["problem"]["detail"].startswith("Unknown carrier 'fedex'; use one of cj (")


def test_an_unusable_dispatch_sheet_is_refused_with_a_korean_title_and_detail(orders_client, sign_identity):
    refused = dispatched(orders_client, as_seller(sign_identity, new_id()), "order_number,carrier,tracking_number\n")

    assert refused.status_code == 422
    assert (refused.json["title"], refused.json["detail"]) == (
        "사용할 수 없는 송장 파일", "파일에 제목 행만 있고 내용이 없습니다."
    )
