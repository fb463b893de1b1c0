"""What in a question's grammar says a person should read it, whatever its topic: a story of what happened
("교환신청했는데 같은 사이즈가 또 왔어요", "it arrived broken"), a request to do something ("바꿔주세요", "fix it"),
something that did not happen ("적립이 안됐어요", "never arrived"), and again or still ("또", "아직", "still").
A question how something works ("교환 되나요?", "how do I exchange?") has none of these. The model weighs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from wordkit import morphemes

# Korean: the past-tense ending, the helping verb of a request ("-어 주세요"), negation, again/still.
_KOREAN_PAST = frozenset({"었", "았", "였", "ㅆ", "었었", "았었"})
_KOREAN_NEGATION = frozenset({"안", "못"})
_KOREAN_NEGATING_VERBS = frozenset({"않", "못하", "없"})
_KOREAN_PERSISTENCE = frozenset({"또", "아직", "계속", "다시", "여태", "아직도", "벌써"})
# English has no analyser here: the cue words themselves, and the regular past tense.
_ENGLISH_PAST = frozenset(
    "was were did got came arrived sent paid bought ordered received happened went took gave made said told broke "
    "lost charged cancelled canceled returned refunded changed tried left became".split())
_ENGLISH_REQUEST = frozenset("please pls plz fix extend send give cancel change refund check want need asap".split())
_ENGLISH_NEGATION = frozenset(
    "not no never didn't didnt doesn't doesnt don't dont wasn't wasnt haven't havent hasn't hasnt isn't isnt won't "
    "wont can't cant cannot nothing".split())
_ENGLISH_PERSISTENCE = frozenset("again still yet already twice anymore".split())
_APOSTROPHE = re.compile(r"(\w)['’](\w)")
_ENGLISH_WORD = re.compile(r"[a-z']+")
_REGULAR_PAST = re.compile(r"[a-z]{3,}ed$")
_NOT_PAST = frozenset("need used speed feed bed red seed shed".split())


@dataclass(frozen=True)
class Cues:
    past: int = 0
    request: int = 0
    negation: int = 0
    persistence: int = 0

    def as_features(self) -> list[float]:
        return [float(min(count, 3)) for count in (self.past, self.request, self.negation, self.persistence)]


def cues_of(text: str) -> Cues:
    """The cues of a question: Korean through the analyser's morphemes, English words as written."""
    found = morphemes(text)
    korean = [(form, tag) for form, tag in found if tag != "SL"]
    english = _ENGLISH_WORD.findall(_APOSTROPHE.sub(r"\1'\2", text.lower()))
    past = sum(tag == "EP" and form in _KOREAN_PAST for form, tag in korean)
    request = sum(tag == "VX" and form == "주" for form, tag in korean)
    negation = sum((tag == "MAG" and form in _KOREAN_NEGATION) or (tag in ("VX", "VA") and form in _KOREAN_NEGATING_VERBS)
                   for form, tag in korean)
    persistence = sum(tag == "MAG" and form in _KOREAN_PERSISTENCE for form, tag in korean)
    for word in english:
        past += word in _ENGLISH_PAST or (_REGULAR_PAST.match(word) is not None and word not in _NOT_PAST)
        request += word in _ENGLISH_REQUEST
        negation += word in _ENGLISH_NEGATION or word.endswith("n't")
        persistence += word in _ENGLISH_PERSISTENCE
    return Cues(past, request, negation, persistence)
