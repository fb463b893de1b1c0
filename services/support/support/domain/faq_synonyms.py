"""The synonym and short-form dictionary: groups of words that mean one thing to a customer ("반품", "반송",
"리턴"; "pw", "password"), each group's first word standing for the others. Applied to the terms of entries and
questions alike, so a question in its own words meets an entry in the help centre's.

Each word of a group is analysed as any text is (wordkit terms), so a group's word may be an inflected form, a
phrase ("money back") or a short form; a run of terms that spells a variant becomes the group's first word's terms.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from wordkit import terms


@dataclass(frozen=True)
class SynonymGroup:
    language: str
    words: Sequence[str]


class Synonyms:
    """The dictionary, ready to apply to the terms of a text of either language."""

    def __init__(self, groups: Iterable[SynonymGroup], analyse: Callable[[str], list[str]] = terms):
        by_language: dict[str, list[SynonymGroup]] = {}
        for group in groups:
            by_language.setdefault(group.language, []).append(group)
        self._variants = {language: _variants(mine, analyse) for language, mine in by_language.items()}

    def applied(self, found: list[str], language: str) -> list[str]:
        """The terms with each variant's run replaced by its group's first word's terms."""
        variants = self._variants.get(language, {})
        result: list[str] = []
        position = 0
        while position < len(found):
            for spelling, canonical in variants.get(found[position], ()):
                if tuple(found[position:position + len(spelling)]) == spelling:
                    result.extend(canonical)
                    position += len(spelling)
                    break
            else:
                result.append(found[position])
                position += 1
        return result


Spelling = tuple[str, ...]


def _variants(groups: list[SynonymGroup], analyse: Callable[[str], list[str]]) -> dict[str, list[tuple[Spelling, Spelling]]]:
    """Each variant's spelling (its terms) and the spelling that stands for it, by the variant's first term.

    Groups that share a word are one group ("포인트, 적립금" and "적립금, ㅈㄹㄱ"): every word of either stands for the
    first word of the group listed first, so no variant maps to a word that is itself a variant.
    """
    leader: dict[Spelling, Spelling] = {}
    seen_at: dict[Spelling, int] = {}

    def lead(spelling: Spelling) -> Spelling:
        while leader[spelling] != spelling:
            spelling = leader[spelling]
        return spelling

    for group in groups:
        spelt = [spelling for spelling in (tuple(analyse(word)) for word in group.words) if spelling]
        for spelling in spelt:
            leader.setdefault(spelling, spelling)
            seen_at.setdefault(spelling, len(seen_at))
        for spelling in spelt[1:]:
            one, other = lead(spelt[0]), lead(spelling)
            if one != other:
                first, second = sorted((one, other), key=seen_at.__getitem__)
                leader[second] = first  # the word seen first leads
    variants: dict[str, list[tuple[Spelling, Spelling]]] = {}
    for spelling in leader:
        canonical = lead(spelling)
        if spelling != canonical:
            variants.setdefault(spelling[0], []).append((spelling, canonical))
    for found in variants.values():
        found.sort(key=lambda pair: -len(pair[0]))  # longer variants first: "money back" before "money"
    return variants
