"""The words of a notification in its recipient's language, from the message catalogs kept as data
(translations/<language>/LC_MESSAGES/messages.po, read with Babel): Korean unless the person chose English.

A notice's details are raw; their names say how they are written: `*_won` is money (12,000원, ₩12,000),
`*_at` an instant shown in Korea time, `*_day` a calendar day in Korea (a payout's day, no time), and the
values in TRANSLATED are codes with words of their own in the catalogs (claim_kind.return: 반품, return;
hold_reason.no_bank_account: a whole sentence). A code a newer producer added that the catalogs lack is
shown as it is rather than lost.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from servicekit.korean_calendar import KOREA

KOREAN, ENGLISH = "ko", "en"
LANGUAGES = (KOREAN, ENGLISH)
DEFAULT_LANGUAGE = KOREAN
CATALOG_DIR = Path(__file__).resolve().parents[1] / "translations"
TRANSLATED = ("carrier", "claim_kind", "claim_reason", "cause", "target", "inquiry_type", "hold_reason", "bank")
# The part of the pages where a person chooses what they are sent: mails end with it.
PREFERENCES_PAGE = "/settings/notifications"


@dataclass(frozen=True)
class Message:
    title: str
    body: str


@cache
def catalog(language: str) -> dict[str, str]:
    """Every message of one language by its id."""
    with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {entry.id: entry.string for entry in read_po(po, locale=language) if entry.id}


def language_of(chosen: str | None) -> str:
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def _written(name: str, value: Any, language: str) -> Any:
    words = catalog(language)
    if name.endswith("_won"):
        return words["format.money"].format(amount=format_decimal(value, locale=language))
    if name.endswith("_at"):
        return format_datetime(datetime.fromisoformat(value), words["format.datetime"], tzinfo=KOREA, locale=language)
    if name.endswith("_day"):
        return format_date(date.fromisoformat(value), words["format.date"], locale=language)
    if name in TRANSLATED:
        return words.get(f"{name}.{value}", value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_decimal(value, locale=language)
    return value


def _filled(params: dict[str, Any], language: str) -> dict[str, Any]:
    filled = {name: _written(name, value, language) for name, value in params.items()}
    if params.get("more"):
        filled["products"] = catalog(language)["format.products_and_more"].format(**filled)
    if "amount_won" in params and "payout_day" in params:  # a payout: the account it went to, or "your account"
        words = catalog(language)
        filled["paid_to"] = (words["format.account"].format(**filled) if params.get("account_ending")
                             else words["format.payout_account"])
    return filled


def write(kind: str, params: dict[str, Any], language: str | None) -> Message:
    """The title and body of a notice of `kind` with these details, in `language` (Korean when unknown)."""
    language = language_of(language)
    words, filled = catalog(language), _filled(params, language)
    return Message(words[f"{kind}.title"].format(**filled), words[f"{kind}.body"].format(**filled))


def absolute(link: str, web_url: str) -> str:
    """A link as a mail or SMS carries it: paths in the pages become addresses; a carrier's page stays."""
    return link if "://" in link else f"{web_url}{link}"


def mail_body(message: Message, link: str | None, language: str | None, web_url: str) -> str:
    words = catalog(language_of(language))
    lines = [message.body]
    if link:
        lines.append(words["mail.link"].format(link=absolute(link, web_url)))
    lines.append(words["mail.footer"].format(preferences_link=absolute(PREFERENCES_PAGE, web_url)))
    return "\n\n".join(lines)


def sms_text(message: Message, link: str | None, language: str | None, web_url: str) -> str:
    text = catalog(language_of(language))["sms.text"].format(title=message.title, link=absolute(link, web_url) if link else "")
    return text.strip()
