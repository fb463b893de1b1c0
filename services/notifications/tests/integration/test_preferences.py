"""Choices of channel per kind: the defaults until a person chooses, only the kinds that can reach them, in-app
always on, and a refused choice changes nothing."""
import sample_events as events
from servicekit.testing.identities import as_customer


def preferences_of(client, headers) -> dict[str, dict]:
    response = client.get("/api/notifications/preferences", headers=headers)
    assert response.status_code == 200, response.json
    return {choice.pop("kind"): choice for choice in response.json["preferences"]}


def test_a_customer_sees_the_defaults_of_their_kinds_only(notifications_client, sign_identity):
    shown = preferences_of(notifications_client, as_customer(sign_identity))

    assert shown["order_shipped"] == {"in_app": True, "email": True, "sms": True}
    assert shown["review_requested"] == {"in_app": True, "email": True, "sms": False}
    assert "new_order" not in shown and "inquiry_escalated" not in shown


def test_choices_are_kept_per_kind_and_channel_and_the_others_keep_theirs(notifications_client, sign_identity):
    seller = sign_identity(subject=events.new_id(), roles=["seller"], seller_id=events.new_id(),
                           second_factor_at=int(events.now().timestamp()))

    chosen = notifications_client.put("/api/notifications/preferences", headers=seller, json={"preferences": [
        {"kind": "new_order", "sms": True},
        {"kind": "response_target_near", "email": True, "in_app": True},
        {"kind": "low_stock", "email": False},
    ]})

    assert chosen.status_code == 200, chosen.json
    shown = preferences_of(notifications_client, seller)
    assert shown["new_order"] == {"in_app": True, "email": True, "sms": True}
    assert shown["response_target_near"] == {"in_app": True, "email": True, "sms": False}
    assert shown["low_stock"] == {"in_app": True, "email": False, "sms": False}
    assert shown["new_inquiry"] == {"in_app": True, "email": True, "sms": False}
    assert {choice["kind"]: choice for choice in chosen.json["preferences"]}["low_stock"]["email"] is False


def test_a_refused_choice_changes_none_of_the_others(notifications_client, sign_identity):
    headers = as_customer(sign_identity)
    before = preferences_of(notifications_client, headers)

    refused = notifications_client.put("/api/notifications/preferences", headers=headers, json={"preferences": [
        {"kind": "order_paid", "email": False},
        {"kind": "order_shipped", "in_app": False},
        {"kind": "new_order", "email": False},
    ]})

    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    assert set(refused.json["errors"]["preferences"]) == {"1", "2"}
    assert refused.json["errors"]["preferences"]["1"]["in_app"]
    assert refused.json["errors"]["preferences"]["2"]["kind"]
    assert preferences_of(notifications_client, headers) == before


def test_a_refused_choice_is_explained_in_korean_by_default_and_in_english_when_asked(notifications_client,
                                                                                     sign_identity):
    headers = as_customer(sign_identity)
    choices = {"preferences": [{"kind": "order_shipped", "in_app": False}]}

    korean = notifications_client.put("/api/notifications/preferences", headers=headers, json=choices)
    english = notifications_client.put("/api/notifications/preferences", json=choices,
                                       headers={**headers, "Accept-Language": "en"})

    assert korean.status_code == english.status_code == 422
    assert korean.json["detail"] == "일부 선택을 적용할 수 없어 아무것도 변경하지 않았습니다."
    assert korean.json["errors"]["preferences"]["0"]["in_app"] == ["앱 알림은 끌 수 없습니다. 알림함은 지금까지의 내역을 보관하는 곳입니다."]
    assert english.json["detail"] == "Some choices cannot be made; nothing was changed."
    assert english.json["errors"]["preferences"]["0"]["in_app"] == [
        "In-app notifications stay on: the inbox is the record of what happened."]


def test_a_malformed_body_is_a_problem(notifications_client, sign_identity):
    headers = as_customer(sign_identity)

    for body in ({}, {"preferences": [{"email": True}]}, {"preferences": [{"kind": "order_paid", "email": "maybe"}]},
                 {"preferences": [{"kind": "order_paid", "pager": True}]}):
        refused = notifications_client.put("/api/notifications/preferences", headers=headers, json=body)
        assert refused.status_code == 422, body
