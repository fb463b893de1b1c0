"""The FAQ matcher finds the entry a question is about, in Korean whatever its endings and spacing,
and in English whatever its word forms; it stays low for questions no entry answers.
"""
from support.domain.faq_matching import FaqMatcher, FaqText, normalised

ENTRIES = [
    FaqText("tracking", "배송 조회는 어떻게 하나요? 택배 운송장"),
    FaqText("coupon", "쿠폰이 적용되지 않아요 할인 쿠폰"),
    FaqText("refund", "환불은 언제 되나요? 환불 기간"),
    FaqText("address", "How do I change my delivery address? shipping address"),
    FaqText("returns", "How do I return an item? send back"),
]


def best(question):
    ranked = FaqMatcher(ENTRIES).ranked(question, limit=1)
    return ranked[0].entry_id if ranked else None


def test_normalising_folds_full_width_letters_case_and_punctuation():
    assert normalised("ＡＢＣ  배송!! 조회?") == "abc 배송 조회"


def test_a_korean_question_with_other_particles_and_spacing_finds_its_entry():
    assert best("배송조회가 안돼요") == "tracking"
    assert best("쿠폰 적용이 안 되는데요") == "coupon"
    assert best("환불 언제 들어오나요") == "refund"


def test_an_english_question_with_other_word_forms_finds_its_entry():
    assert best("Can I update the shipping address of my order?") == "address"
    assert best("I want to return these shoes") == "returns"


def test_matches_come_best_first_with_scores_between_zero_and_one():
    ranked = FaqMatcher(ENTRIES).ranked("배송 조회 택배")

    assert ranked[0].entry_id == "tracking"
    assert all(0 < match.score <= 1 for match in ranked)
    assert [match.score for match in ranked] == sorted((match.score for match in ranked), reverse=True)


def test_a_question_no_entry_answers_gets_no_automatic_answer():
    matcher = FaqMatcher(ENTRIES)

    assert matcher.answer_for("판매자가 너무 불친절해서 화가 납니다") is None
    assert matcher.answer_for("The blender stopped working after two days") is None


def test_a_long_specific_question_scores_below_a_short_one_on_the_same_topic():
    matcher = FaqMatcher(ENTRIES)
    short = matcher.ranked("배송 조회", limit=1)[0].score
    long = matcher.ranked("배송 조회를 했더니 상품이 파손된 채로 다른 주소에 배달됐다고 나오는데 보상 받을 수 있나요", limit=1)[0].score

    assert long < short


def test_nothing_matches_when_there_are_no_entries_or_no_words():
    assert FaqMatcher([]).ranked("배송 조회") == []
    assert FaqMatcher(ENTRIES).ranked("?!") == []


def test_a_shops_entry_answers_before_a_better_scoring_platform_entry_when_both_answer_well():
    entries = [*ENTRIES, FaqText("shop-tracking", "택배 배송 조회는 어디서 하나요? 출고")]
    matcher = FaqMatcher(entries)

    assert matcher.answer_for("배송 조회 택배 운송장").entry_id == "tracking"
    assert matcher.answer_for("배송 조회 택배 운송장", preferred={"shop-tracking"}).entry_id == "shop-tracking"
    assert matcher.answer_for("쿠폰 적용이 안 되는데요", preferred={"shop-tracking"}).entry_id == "coupon"


def test_suggestions_put_a_shops_entries_first_keeping_each_sides_order():
    matcher = FaqMatcher([*ENTRIES, FaqText("shop-tracking", "택배 배송 조회는 어디서 하나요? 출고")])

    ranked = matcher.ranked("배송 조회 택배", preferred={"shop-tracking"})

    assert [match.entry_id for match in ranked][:2] == ["shop-tracking", "tracking"]
