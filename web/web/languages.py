"""The language a page is written in (Korean unless the person chose English), and its words, money and times.

The words come from message catalogs kept as data, read with Babel when first needed (no compiled file to keep
in step): English message ids, so English needs no catalog, and Korean in translations/ko/LC_MESSAGES/*.po, one
file per part of the site (messages.po for what every page shares, storefront.po, seller.po, console.po, ...). The choice lives in a cookie,
so it holds before signing in; signing in takes the account's own choice (PATCH /api/accounts/me keeps it).
"""
from __future__ import annotations

from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import support
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from flask import Flask, current_app, g, request
from flask_babel import Babel, Domain, get_locale

from servicekit.korean_calendar import KOREA

KOREAN, ENGLISH = "ko", "en"
LANGUAGES = (KOREAN, ENGLISH)
LANGUAGE_NAMES = {KOREAN: "한국어", ENGLISH: "English"}
DEFAULT_LANGUAGE = KOREAN
CATALOG_DIR = Path(__file__).resolve().parent / "translations"
# A year: the choice outlives sessions and devices' restarts.
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600


@cache
def translations(language: str) -> support.NullTranslations:
    """One language's words: its catalogs compiled in memory and merged (none for English, the message ids' own)."""
    merged = support.Translations()
    for path in sorted((CATALOG_DIR / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as po:
            catalog = read_po(po, locale=language)
        compiled = BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        part = support.Translations(compiled)
        merged.merge(part)
        # merge() keeps the messages, not the plural rule (Korean has one form, English two).
        merged.plural = part.plural
    return merged


class CatalogDomain(Domain):
    """Flask-Babel's domain, reading the .po catalogs above instead of compiled .mo files."""

    def get_translations(self):
        locale = get_locale()
        return translations(str(locale)) if locale is not None else support.NullTranslations()


def chosen_language() -> str:
    chosen = request.cookies.get(current_app.extensions["web_settings"].language_cookie, "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def won(amount: int | None) -> str:
    """Money as people read it: 12,000원 in Korean, ₩12,000 in English."""
    if amount is None:
        return ""
    number = format_decimal(amount, locale=g.language)
    return f"{number}원" if g.language == KOREAN else f"₩{number}"


def korea_time(value: str | datetime | None, form: str = "medium") -> str:
    """An instant in Korea time, written the way the page's language writes it."""
    if not value:
        return ""
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    # "aaaa", the wide day period: in the CLDR data Babel ships, Korean "a" is "AM"/"PM", not "오전"/"오후".
    patterns = {"medium": {KOREAN: "yyyy. M. d. aaaa h:mm", ENGLISH: "MMM d, yyyy, h:mm a"},
                "short": {KOREAN: "M. d. HH:mm", ENGLISH: "MMM d, HH:mm"}}
    if form == "date":
        return format_date(instant.astimezone(KOREA), "medium", locale=g.language)
    return format_datetime(instant, patterns[form][g.language], tzinfo=KOREA, locale=g.language)


def calendar_day(value: str | date | None) -> str:
    """A calendar day in Korea (a payout day: no instant, so no zone to convert), as the page's language writes it."""
    if not value:
        return ""
    return format_date(date.fromisoformat(value) if isinstance(value, str) else value, "medium", locale=g.language)


def number(value: int | float | None) -> str:
    return "" if value is None else format_decimal(value, locale=g.language)


def init_languages(app: Flask) -> None:
    babel = Babel(app, locale_selector=lambda: g.language, timezone_selector=lambda: "Asia/Seoul")
    babel.domain_instance = CatalogDomain()

    @app.before_request
    def _choose_language():
        g.language = chosen_language()

    app.jinja_env.filters.update(won=won, korea_time=korea_time, calendar_day=calendar_day, number=number)
    app.jinja_env.globals.update(LANGUAGE_NAMES=LANGUAGE_NAMES)
