"""How a reviewer's name is shown: in full, or masked when they chose to stay anonymous."""
from __future__ import annotations


def masked(name: str) -> str:
    """Keep the first and last letters, star the rest: "kim" -> "k*m", "김민지" -> "김*지", "Kim Minji" -> "K*******i".

    A one-letter name becomes "*", two letters keep the first; an empty name stays anonymous.
    """
    letters = name.strip()
    if not letters:
        return "***"
    if len(letters) == 1:
        return "*"
    if len(letters) == 2:
        return letters[0] + "*"
    return letters[0] + "*" * (len(letters) - 2) + letters[-1]


def shown_name(name: str, anonymous: bool) -> str:
    return masked(name) if anonymous else name.strip() or "***"
