"""Whose bank account a seller's money may go to, and when a payout to it waits for a person.

The account's holder must be the seller: their registered business name or their representative's registered
name, compared as a bank compares names (spacing, case, full-width letters and the company-form marks "(주)",
"주식회사", "㈜", "Co., Ltd." aside). An account changed less than a day before a payout holds that payout for
review: whoever took over a seller's session would otherwise send the next payout to themselves.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta

RECENT_CHANGE = timedelta(hours=24)
_COMPANY_FORMS = re.compile(r"\(주\)|\(유\)|주식회사|유한회사|㈜|\bco\b|\bltd\b|\binc\b|\bcorp\b|\bllc\b")
_NOT_LETTERS = re.compile(r"[^\w]|_")
ACCOUNT_NUMBER = re.compile(r"^[0-9]{10,16}$")
# The banks a payout can go to, by their Korean Financial Telecommunications code.
BANKS = {
    "002": "KDB산업은행", "003": "IBK기업은행", "004": "KB국민은행", "007": "수협은행", "011": "NH농협은행",
    "020": "우리은행", "023": "SC제일은행", "027": "한국씨티은행", "031": "iM뱅크", "032": "부산은행",
    "034": "광주은행", "035": "제주은행", "037": "전북은행", "039": "경남은행", "045": "새마을금고",
    "048": "신협", "071": "우체국", "081": "하나은행", "088": "신한은행", "089": "케이뱅크", "090": "카카오뱅크",
    "092": "토스뱅크",
}


def comparable_name(name: str) -> str:
    plain = unicodedata.normalize("NFKC", name).lower()
    return _NOT_LETTERS.sub("", _COMPANY_FORMS.sub(" ", plain))


def holder_is_seller(holder: str, seller_names: Iterable[str]) -> bool:
    """Whether the account holder's name is one of the seller's names, compared as banks compare them."""
    wanted = comparable_name(holder)
    return bool(wanted) and any(wanted == comparable_name(name) for name in seller_names if name)


def masked_account_number(number: str) -> str:
    """What pages and statements show of an account number: its last four digits."""
    return "*" * max(len(number) - 4, 0) + number[-4:]


def changed_recently(changed_at: datetime | None, now: datetime) -> bool:
    return changed_at is not None and now - changed_at < RECENT_CHANGE
