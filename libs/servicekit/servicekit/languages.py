"""Which language a caller reads, and messages translated into it.

Korean is the marketplace's language and the default; English is the other. Code marks each message a person
reads with `_`: `_("There is no coupon %(coupon_id)s.", coupon_id=coupon_id)` is a `Message`, plain Python that
domain code may import, whose `str()` is the English text (for logs and for code that reads it). A problem
answer translates it into the caller's language (`request_language()`, from Accept-Language).

The Korean lives in `<package>/translations/ko/LC_MESSAGES/messages.po`, read when first needed: English msgids,
Python's %(name)s placeholders. A service names its folder once, `create_service_app(..., translations=...)`;
a message is looked up in the service's catalog, then in servicekit's, which also holds Korean for
marshmallow's and webargs' own field messages (matched with their values filled in, "Length must be between
1 and 200.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
# The language msgids are written in: nothing to look up.
SOURCE_LANGUAGE = "en"
SERVICEKIT_TRANSLATIONS = Path(__file__).parent / "translations"
_CATALOGS_KEY = "servicekit.translations"


@dataclass(frozen=True)
class Message:
    """A message to translate: its English msgid and the values its %(name)s placeholders take."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return _formatted(self.msgid, {name: str(value) for name, value in self.params.items()})

    def __hash__(self) -> int:
        return hash((self.msgid, tuple(sorted((name, str(value)) for name, value in self.params.items()))))


def _(msgid: str, **params: Any) -> Message:
    """Mark `msgid` (English, with %(name)s placeholders) for translation; `pybabel extract` finds it."""
    return Message(msgid, params)


def _formatted(template: str, params: Mapping[str, Any]) -> str:
    return template % params if params else template


def request_language() -> str:
    """The language of the current request's caller: the best of LANGUAGES their Accept-Language takes,
    Korean when it names none of them or is absent, and outside a request."""
    from flask import has_request_context, request

    if not has_request_context():
        return DEFAULT_LANGUAGE
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def register_translations(app, directory: Path | str) -> None:
    """Look messages up in `directory` (holding ko/LC_MESSAGES/messages.po) before servicekit's own catalog."""
    app.extensions[_CATALOGS_KEY] = (Path(directory), SERVICEKIT_TRANSLATIONS)


def _catalog_directories() -> tuple[Path, ...]:
    from flask import current_app, has_app_context

    if has_app_context():
        return current_app.extensions.get(_CATALOGS_KEY, (SERVICEKIT_TRANSLATIONS,))
    return (SERVICEKIT_TRANSLATIONS,)


@lru_cache(maxsize=None)
def catalog(directory: Path, language: str) -> dict[str, str]:
    """The translated entries of `directory`'s catalog for `language`: msgid to text (fuzzy and empty ones left out);
    empty when there is no such file."""
    from babel.messages.pofile import read_po

    path = Path(directory) / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with path.open("rb") as po:
        return {
            entry.id: entry.string
            for entry in read_po(po, locale=language)
            if entry.id and isinstance(entry.id, str) and entry.string and not entry.fuzzy
        }


_PLACEHOLDER = re.compile(r"\{(\w+)(?:![rsa])?\}")


@lru_cache(maxsize=None)
def _templates(directory: Path, language: str) -> list[tuple[re.Pattern, str]]:
    """Entries of `directory`'s catalog with {name} placeholders (marshmallow's messages) as patterns that match
    them filled in, the most literal text first."""
    templates = []
    for msgid, text in catalog(directory, language).items():
        if not _PLACEHOLDER.search(msgid):
            continue
        pattern, position = "", 0
        for placeholder in _PLACEHOLDER.finditer(msgid):
            pattern += re.escape(msgid[position:placeholder.start()]) + f"(?P<{placeholder.group(1)}>.+?)"
            position = placeholder.end()
        pattern += re.escape(msgid[position:])
        templates.append((len(_PLACEHOLDER.sub("", msgid)), re.compile(pattern, re.DOTALL), text))
    templates.sort(key=lambda template: -template[0])
    return [(pattern, text) for _length, pattern, text in templates]


def _looked_up(msgid: str, language: str, directories: Iterable[Path]) -> str | None:
    for directory in directories:
        text = catalog(directory, language).get(msgid)
        if text:
            return text
    return None


def _template_match(text: str, language: str) -> str | None:
    for pattern, translated in _templates(SERVICEKIT_TRANSLATIONS, language):
        matched = pattern.fullmatch(text)
        if matched:
            values = matched.groupdict()
            return _PLACEHOLDER.sub(lambda placeholder: values[placeholder.group(1)], translated)
    return None


def translate(text: Any, language: str | None = None) -> Any:
    """`text` in `language` (the caller's by default): a Message translated and filled in (values that are
    Messages translated too), a string looked up as a msgid, then as one of marshmallow's messages filled in;
    what no catalog holds is its English, unchanged. Anything else is returned as it is."""
    language = language or request_language()
    if isinstance(text, Message):
        params = {name: translate(value, language) if isinstance(value, Message) else value
                  for name, value in text.params.items()}
        if language != SOURCE_LANGUAGE:
            translated = _looked_up(text.msgid, language, _catalog_directories())
            if translated:
                try:
                    return _formatted(translated, params)
                except (KeyError, ValueError, TypeError):
                    pass
        return _formatted(text.msgid, {name: str(value) for name, value in params.items()})
    if isinstance(text, str) and language != SOURCE_LANGUAGE:
        return _looked_up(text, language, _catalog_directories()) or _template_match(text, language) or text
    return text


def translated_tree(value: Any, language: str) -> Any:
    """Every message among `value`'s leaves (nested dicts and lists, as marshmallow nests errors) translated."""
    if isinstance(value, Mapping):
        return {key: translated_tree(item, language) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [translated_tree(item, language) for item in value]
    return translate(value, language)
