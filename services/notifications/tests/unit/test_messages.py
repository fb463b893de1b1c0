"""Every notification can be written in Korean and in English from the message catalogs, with money in 원 and
times in Korea time."""
from datetime import datetime, timezone

import pytest
from babel.messages.pofile import read_po

import sample_events as events
from contracts.carriers import CARRIERS
from contracts.events.orders import CLAIM_KINDS, CLAIM_REASONS
from contracts.events.reviews import NEGATIVE_CAUSES
from contracts.events.settlements import PAYOUT_HOLD_REASONS
from contracts.events.support import INQUIRY_TYPES, RESPONSE_TARGETS
from notifications.domain import messages, notices
from notifications.domain.kinds import KINDS
from notifications.domain.messages import CATALOG_DIR, LANGUAGES, catalog

CODES = {"carrier": CARRIERS, "claim_kind": CLAIM_KINDS, "claim_reason": CLAIM_REASONS, "cause": NEGATIVE_CAUSES,
         "target": RESPONSE_TARGETS, "inquiry_type": INQUIRY_TYPES, "hold_reason": PAYOUT_HOLD_REASONS}


def every_notice() -> list[notices.Notice]:
    """A notice of every kind, from sample events."""
    customer, seller, order_id = events.new_id(), events.new_id(), events.new_id()
    refund = events.refund_answer(order_id)
    return [
        *notices.order_paid(events.order_paid(customer, [events.line(seller), events.line(seller, line_no=2),
                                                         events.line(seller, line_no=3)])),
        *notices.order_shipped(events.order_shipped(customer, seller)),
        *notices.order_delivered(events.order_delivered(customer, seller)),
        *notices.claim_requested(events.claim_requested(customer, seller)),
        *notices.claim_approved(events.claim(customer, seller)),
        *notices.claim_rejected({**events.claim(customer, seller), "reason": "사용 흔적이 있습니다"}),
        *notices.claim_completed({**events.claim(customer, seller), "refunded_amount": 12000}),
        *notices.refund_answered("refund_approved", {**refund, "amount": 12000}, customer),
        *notices.refund_answered("refund_rejected", {**refund, "reason": "기간이 지났습니다"}, customer),
        *notices.refund_answered("refund_completed", {**refund, "amount": 12000}, customer),
        *notices.inquiry_opened(events.inquiry_opened(customer, seller_id=seller)),
        *notices.inquiry_answered(events.inquiry_answered(customer)),
        *notices.inquiry_escalated(events.inquiry_escalated()),
        *notices.response_target_near(events.response_target_near(seller_id=seller)),
        *notices.response_target_breached(events.sla_breached(seller_id=seller)),
        *notices.negative_review_posted(events.negative_review_posted(customer, seller)),
        *notices.review_requested(events.review_requested(customer)),
        *notices.stock_low(events.stock_low(seller)),
        *notices.seller_approved(events.seller_approved(seller, customer)),
        *notices.seller_rejected(events.seller_rejected(seller, customer)),
        *notices.payout_paid(events.payout_paid(seller)),
        *notices.payout_held(events.payout_held(seller)),
    ]


def po_entries(language: str):
    """The notice catalog's keyed entries (new_order.title, format.money, ...); the Korean catalog also holds the
    API's problem messages under their English msgids, which test_languages checks."""
    with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return [entry for entry in read_po(po, locale=language) if entry.id and " " not in entry.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_has_a_title_and_a_body_in_korean_and_english(language):
    for kind in KINDS:
        assert catalog(language)[f"{kind}.title"], kind
        assert catalog(language)[f"{kind}.body"], kind


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_of_the_catalogs_is_translated_and_neither_lacks_one_of_the_others(language):
    entries = po_entries(language)

    assert [entry.id for entry in entries if not entry.string or entry.fuzzy] == []
    assert {entry.id for entry in entries} == {entry.id for entry in po_entries("ko")} == set(catalog("en"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_an_event_can_carry_has_words_in_each_language(language):
    missing = [f"{name}.{code}" for name, codes in CODES.items() for code in codes
               if f"{name}.{code}" not in catalog(language)]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_notice_is_written_in_each_language_with_every_placeholder_filled(language):
    written = {notice.kind: messages.write(notice.kind, notice.params, language) for notice in every_notice()}

    assert set(written) == set(KINDS)
    for kind, message in written.items():
        assert message.title and message.body, kind
        assert "{" not in message.title + message.body, kind


def test_money_is_written_in_won_and_times_in_korea_time_in_each_language():
    due = datetime(2026, 1, 5, 6, 0, tzinfo=timezone.utc)
    paid = {"order_number": "20260105-000001", "amount_won": 1234500, "products": "녹차", "more": 0}
    near = {"subject": "배송 문의", "target": "first_response", "due_at": due.isoformat()}

    assert messages.write("order_paid", paid, "ko").body == "녹차 · 결제 금액 1,234,500원"
    assert messages.write("order_paid", paid, "en").body == "녹차 · paid ₩1,234,500"
    assert messages.write("response_target_near", near, "ko").body == "배송 문의 · 기한 1월 5일 (월) 15:00"
    assert messages.write("response_target_near", near, "en").body == "배송 문의 · due Jan 5 (Mon), 3:00 PM KST"
    assert messages.write("response_target_near", near, "en").title == "An inquiry's first response is due soon"


def test_a_paid_payout_is_written_with_its_amount_in_won_and_its_day_in_each_language():
    paid = {"amount_won": 1234500, "payout_day": "2026-01-05", "bank": "004", "account_ending": "5678"}
    unsaid = {"amount_won": 1234500, "payout_day": "2026-01-05"}  # an event that names no account

    assert messages.write("payout_paid", paid, "ko") == messages.Message(
        "정산금이 지급되었습니다", "1월 5일 (월) 지급분 1,234,500원이 KB국민은행 ****5678 계좌로 입금되었습니다.")
    assert messages.write("payout_paid", paid, "en") == messages.Message(
        "Your payout has been paid",
        "Your payout of ₩1,234,500 for Jan 5 (Mon) was sent to your account at KB Kookmin Bank ending 5678.")
    assert messages.write("payout_paid", unsaid, "ko").body == "1월 5일 (월) 지급분 1,234,500원이 정산 계좌로 입금되었습니다."
    assert messages.write("payout_paid", unsaid, "en").body == (
        "Your payout of ₩1,234,500 for Jan 5 (Mon) was sent to your payout bank account.")


HOLD_REASONS_IN_KOREAN = {
    "seller_held": "관리자가 정산금 지급을 보류했습니다. 자세한 내용은 운영팀에 문의해 주세요.",
    "no_bank_account": "등록된 정산 계좌가 없습니다. 정산 계좌를 등록하시면 관리자 확인 후 지급됩니다.",
    "account_changed": "최근 24시간 안에 정산 계좌가 변경되어, 안전을 위해 관리자가 확인한 뒤 지급합니다.",
    "transfer_refused": "은행이 이체를 거절했습니다(해지된 계좌 등). 정산 계좌를 확인해 주세요. 관리자 확인 후 다시 지급합니다.",
}


@pytest.mark.parametrize("reason", PAYOUT_HOLD_REASONS)
def test_a_held_payout_says_why_in_a_sentence_the_seller_understands(reason):
    held = {"amount_won": 20150, "payout_day": "2026-01-05", "hold_reason": reason}

    korean, english = messages.write("payout_held", held, "ko"), messages.write("payout_held", held, "en")

    assert korean == messages.Message("정산금 지급이 보류되었습니다",
                                      f"1월 5일 (월) 지급 예정 금액 20,150원 · {HOLD_REASONS_IN_KOREAN[reason]}")
    assert english.title == "Your payout is on hold"
    assert english.body == f"₩20,150 due Jan 5 (Mon) · {catalog('en')[f'hold_reason.{reason}']}"
    assert reason not in korean.body and reason not in english.body


def test_a_person_whose_language_is_unknown_is_written_to_in_korean():
    assert messages.write("inquiry_answered", {}, None) == messages.write("inquiry_answered", {}, "ko")
    assert messages.write("inquiry_answered", {}, "fr").title == "문의에 답변이 등록되었습니다"


def test_a_code_the_catalogs_do_not_know_yet_is_shown_as_it_is():
    written = messages.write("order_shipped", {"order_number": "1", "carrier": "drone", "tracking_number": "42"}, "en")

    assert written.body == "drone, tracking number 42"


def test_a_mail_links_to_the_pages_and_to_the_choice_of_notices_and_keeps_a_carriers_link_as_it_is():
    message = messages.Message("Your order 1 has shipped", "CJ Logistics, tracking number 42")

    body = messages.mail_body(message, "https://trace.example/42", "en", "https://shop.example")
    sms = messages.sms_text(message, "/orders/7", "ko", "https://shop.example")

    assert body == ("CJ Logistics, tracking number 42\n\nOpen it: https://trace.example/42\n\n"
                    "Choose which notices you get: https://shop.example/settings/notifications")
    assert sms == "[마켓플레이스] Your order 1 has shipped https://shop.example/orders/7"
