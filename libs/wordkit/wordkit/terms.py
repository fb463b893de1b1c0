"""Text reduced to terms: the stems of its content words, whatever the spacing, particles, endings or plurals.

Korean is analysed by Kiwi into morphemes, of which nouns, numbers, roots and the stems of verbs and adjectives
are terms ("녹차를" and "녹차" are one term, "따뜻한" and "따뜻하다" are "따뜻"); Latin words, alone or inside
Korean text, are lower-cased and stemmed as English ("Tumblers" and "tumbler" are "tumbler"). Stop words of
either language are no terms.
"""
from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from functools import lru_cache
from importlib import resources

import snowballstemmer
from kiwipiepy import Kiwi

# Nouns (general, proper), numerals, foreign words, numbers, Chinese characters, roots, verb and adjective stems.
KOREAN_CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SN", "SH", "XR", "VV", "VA"})
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# Anything but letters and digits, save a decimal point between digits ("5.3").
_NOT_WORD = re.compile(r"(?:[^\w.]|_|(?<!\d)\.|\.(?!\d))+")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:[.][0-9]+)?")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)


def normalised(text: str) -> str:
    """NFKC (full-width letters and digits become plain ones, compatibility jamo join), lower case, punctuation
    as single spaces."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).split())


def compact(text: str) -> str:
    """The text normalised with no spaces at all: two spellings that differ only in spacing are equal."""
    return normalised(text).replace(" ", "")


def terms(text: str) -> list[str]:
    """The terms of a text in order, repeats kept: Korean through the analyser, English words stemmed."""
    plain = normalised(_POSSESSIVE.sub("", text))  # "men's" is "men"
    if not plain:
        return []
    if not _HANGUL.search(plain):
        return _english_terms(_LATIN_WORD.findall(plain))
    found = []
    for token in _analyser().tokenize(plain):
        tag = token.tag.split("-", 1)[0]  # VA-I, VV-R: irregular conjugations of the same stems
        if tag not in KOREAN_CONTENT_TAGS:
            continue
        if tag == "SL":
            found.extend(_english_terms([token.form.lower()]))
        elif token.form not in _korean_stop_words():
            found.append(token.form)
    return found


def morphemes(text: str) -> list[tuple[str, str]]:
    """The text's morphemes with their Sejong tags, in order, for what the terms leave out (tense, endings,
    negation): Korean through the analyser (irregular marks dropped: VV-R is VV), a text without Hangul as its
    lower-cased words tagged SL."""
    plain = normalised(text)
    if not plain:
        return []
    if not _HANGUL.search(plain):
        return [(word, "SL") for word in _LATIN_WORD.findall(plain)]
    return [(token.form, token.tag.split("-", 1)[0]) for token in _analyser().tokenize(plain)]


def terms_however_spaced(text: str) -> list[str]:
    """The terms of a text as written and as if written with no spaces, each once: the analyser splits a compound
    by what surrounds it ("녹차 티백" has 티백, "녹차티백" has 티 and 백), so a name indexed by both is found by the
    terms of a keyword however that keyword is spaced."""
    return list(dict.fromkeys([*terms(text), *terms(compact(text))]))


def _english_terms(words: list[str]) -> list[str]:
    kept = [word for word in words if word not in _english_stop_words()]
    return [_stem(word) for word in kept]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if not word.isalpha():
        return word  # numbers and model names ("5.3", "x100") as written
    return _stemmer().stemWord(word)


_STEMMERS = threading.local()


def _stemmer():
    # A Snowball stemmer keeps state while it works: one per thread.
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=None)
def _english_stop_words() -> frozenset[str]:
    return _word_list("english_stop_words.txt")


@lru_cache(maxsize=None)
def _korean_stop_words() -> frozenset[str]:
    return _word_list("korean_stop_words.txt")


def _word_list(name: str) -> frozenset[str]:
    text = resources.files("wordkit").joinpath("data", name).read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_KIWI: Kiwi | None = None
_KIWI_LOCK = threading.Lock()


def _analyser() -> Kiwi:
    global _KIWI
    if _KIWI is None:
        with _KIWI_LOCK:
            if _KIWI is None:
                # cong: the model that splits compounds well in the least memory; no typo and multi-word
                # dictionaries (they double the memory for spellings a catalogue's names rarely need).
                # num_workers=0: no pool of threads. A pool would not survive gunicorn's fork: a worker's exit
                # would wait for ever on threads only the master has. (-1 means every core since 0.21; kiwipiepy
                # warns that 0 changed meaning, which is the meaning wanted here.)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _KIWI = Kiwi(num_workers=0, model_type="cong", load_typo_dict=False, load_multi_dict=False)
    return _KIWI


def load() -> None:
    """Load the Korean analyser now (about 1 s): before gunicorn forks, so its workers share its memory, or at
    a worker's start rather than on its first message. It analyses a sentence too: the analyser takes much of its
    memory on its first use, which should come before the fork as well."""
    terms("한국어 분석기를 미리 불러 둡니다")
