"""Terms: what search and matching compare of a text, in Korean and English."""
import pytest

from wordkit import compact, normalised, terms, terms_however_spaced


@pytest.mark.parametrize("spaced, unspaced", [
    ("무선 이어폰", "무선이어폰"),
    ("스테인리스 텀블러", "스테인리스텀블러"),
])
def test_spacing_does_not_change_korean_terms(spaced, unspaced):
    assert terms(spaced) == terms(unspaced)


def test_terms_however_spaced_hold_the_terms_of_either_spacing():
    # The analyser splits "티백" by what surrounds it: alone it is one noun, after 녹차 two.
    assert set(terms("녹차티백")) <= set(terms_however_spaced("제주 녹차 티백"))
    assert set(terms("녹차 티백")) <= set(terms_however_spaced("제주 녹차 티백"))


@pytest.mark.parametrize("text, stems", [
    ("녹차를 찾아요", ["녹차", "찾"]),
    ("텀블러로", ["텀블러"]),
    ("따뜻한 양말", ["따뜻", "양말"]),
    ("빨랐는데 불량이네요", ["빠르", "불량"]),
])
def test_particles_and_endings_leave_korean_stems(text, stems):
    assert terms(text) == stems


def test_korean_stop_words_and_light_verbs_are_no_terms():
    assert terms("주문 취소를 하고 싶어요") == ["주문", "취소"]


def test_english_words_are_lower_cased_stemmed_and_stop_words_left_out():
    assert terms("Stainless Steel Tumblers for the Office") == ["stainless", "steel", "tumbler", "offic"]
    assert terms("running shoe") == terms("Running Shoes")
    assert terms("Men's socks") == ["men", "sock"]


def test_latin_words_inside_korean_text_are_english_terms():
    assert terms("USB C 충전 Cables") == ["usb", "c", "충전", "cabl"]


def test_numbers_and_decimals_stay_as_written():
    assert terms("Bluetooth 5.3 earbuds 100") == ["bluetooth", "5.3", "earbud", "100"]


def test_normalised_and_compact_fold_width_case_and_punctuation():
    assert normalised("ＡＢＣ  Tea-Bag!") == "abc tea bag"
    assert compact("Stainless  Steel-Tumbler") == "stainlesssteeltumbler"
    assert terms("") == [] and terms("?!") == []
