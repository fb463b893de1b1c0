"""Whether a package's catalog translates every message its code marks with `_` (servicekit.languages)."""
from __future__ import annotations

import re
from pathlib import Path

from servicekit.languages import DEFAULT_LANGUAGE, catalog

_PLACEHOLDER = re.compile(r"%\((\w+)\)")


def marked_messages(package_dir: Path | str) -> set[str]:
    """Every msgid the package's Python files mark with `_(...)`, as `pybabel extract` finds them."""
    from babel.messages.extract import extract_from_dir

    return {
        message
        for _filename, _line, message, _comments, _context in extract_from_dir(
            str(package_dir), method_map=[("**.py", "python")], keywords={"_": None}
        )
        if isinstance(message, str) and message
    }


def untranslated_messages(package_dir: Path | str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The msgids marked in `package_dir` that its catalog (`<package_dir>/translations/<language>/LC_MESSAGES/
    messages.po`) or servicekit's leaves untranslated, or translates with other %(name)s placeholders; sorted.
    A test asserts it is empty."""
    from servicekit.languages import SERVICEKIT_TRANSLATIONS

    package_dir = Path(package_dir)
    entries = {**catalog(SERVICEKIT_TRANSLATIONS, language), **catalog(package_dir / "translations", language)}
    missing = []
    for msgid in marked_messages(package_dir):
        text = entries.get(msgid)
        if not text or set(_PLACEHOLDER.findall(text)) != set(_PLACEHOLDER.findall(msgid)):
            missing.append(msgid)
    return sorted(missing)
