"""Korean unless the person chose English; every word of the pages has its Korean; money and times per language."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from flask import g

import web
from web.languages import ENGLISH, KOREAN, korea_time, translations

PACKAGE = Path(web.__file__).parent
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def marked_messages() -> set[str]:
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python"), ("templates/**.html", "jinja2")],
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None},
    )
    messages = set()
    for _filename, _line, message, _comments, _context in found:
        for msgid in message if isinstance(message, tuple) else (message,):
            if msgid:
                messages.add(msgid)
    return messages


def test_every_word_of_the_pages_has_its_korean():
    korean = translations("ko")
    missing = [m for m in sorted(marked_messages()) if korean.gettext(m) == m]
    assert missing == []


def test_a_korean_text_keeps_the_placeholders_of_its_english():
    korean = translations("ko")
    changed = [m for m in marked_messages() if set(PLACEHOLDER.findall(korean.gettext(m))) != set(PLACEHOLDER.findall(m))]
    assert changed == []


def test_the_check_notices_a_message_without_korean():
    assert translations("ko").gettext("A sentence nobody translated.") == "A sentence nobody translated."


def test_pages_are_korean_unless_english_was_chosen(client, api):
    api.answers["/api/products"] = []
    korean = client.get("/").get_data(as_text=True)
    assert '<html lang="ko">' in korean and "새로 나온 상품" in korean
    client.set_cookie("lang", "en")
    english = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in english and "New arrivals" in english


def test_choosing_english_is_remembered_in_a_cookie_and_by_the_account(client, api):
    api.signed_in_as("customer")
    api.answers["PATCH /api/accounts/me"] = {"language": "en"}
    answer = client.post("/language", data={"language": "en", "next": "/products"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/products"
    assert "lang=en" in answer.headers["Set-Cookie"]
    method, path, sent = api.calls[-1]
    assert (method, path, sent["body"]) == ("PATCH", "/api/accounts/me", {"language": "en"})
    assert sent["headers"] == {"X-CSRF-Token": "csrf-1"}


def test_money_is_won_with_separators_in_each_language(client, api):
    api.answers["/api/products"] = [{"id": "p1", "name": "녹차", "price": 12000, "current_price": 12000,
                                     "sale_price": None, "rating_count": 0, "primary_image": None}]
    assert "12,000원" in client.get("/").get_data(as_text=True)
    client.set_cookie("lang", "en")
    assert "₩12,000" in client.get("/").get_data(as_text=True)


def test_a_korean_time_says_morning_or_afternoon_in_korean(client):
    with client.application.test_request_context("/"):
        g.language = KOREAN
        assert korea_time("2026-12-10T01:00:00+00:00") == "2026. 12. 10. 오전 10:00"
        assert korea_time("2026-12-10T06:30:00+00:00") == "2026. 12. 10. 오후 3:30"
        g.language = ENGLISH
        assert korea_time("2026-12-10T06:30:00+00:00") == "Dec 10, 2026, 3:30 PM"
