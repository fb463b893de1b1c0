"""The FAQ matcher: the entry a question is about, in Korean whatever its endings and spacing and in English whatever
its word forms, through the synonym dictionary, without stop words weighing; no automatic answer unless the best entry
reaches the model's threshold and beats the second by its margin; a shop's entries first.
"""
import pytest

from support.domain.faq_matching import FEATURES, FaqMatcher, FaqText, PastQuestions, language_of
from support.domain.faq_model import FaqModel, shipped_document
from support.domain.faq_synonyms import SynonymGroup, Synonyms
from support.faq_learning import past_questions, shipped_synonyms

ENTRIES = [
    FaqText("tracking", "배송 조회는 어떻게 하나요?", "마이페이지 주문 내역에서 운송장 번호와 배송 상태를 볼 수 있습니다."),
    FaqText("coupon", "쿠폰이 적용되지 않아요", "쿠폰마다 최소 주문 금액과 사용 기간이 있습니다."),
    FaqText("refund", "환불은 언제 되나요?", "반품이 확인되면 3영업일 안에 결제 수단으로 환불됩니다."),
    FaqText("password", "비밀번호를 잊어버렸어요", "로그인 화면에서 비밀번호 재설정을 누르세요."),
    FaqText("address", "How do I change my delivery address?", "Open the order and choose Change address.", "en"),
    FaqText("returns", "How do I return an item?", "Request a return from your order within 7 days.", "en"),
]


@pytest.fixture(scope="module")
def shipped():
    document = shipped_document()
    return FaqModel.from_json(document, FEATURES), shipped_synonyms(), PastQuestions(past_questions(document))


@pytest.fixture(scope="module")
def matcher(shipped):
    model, synonyms, past = shipped
    return FaqMatcher(ENTRIES, model, synonyms, past)


def best(matcher, question):
    ranked = matcher.ranked(question, limit=1)
    return ranked[0].entry_id if ranked else None


def test_a_korean_question_with_other_particles_endings_and_spacing_finds_its_entry(matcher):
    assert best(matcher, "배송조회 어디서해요") == "tracking"
    assert best(matcher, "쿠폰 적용이 안 되는데요") == "coupon"
    assert best(matcher, "환불 언제 들어오나요") == "refund"


def test_an_english_question_with_other_word_forms_finds_its_entry(matcher):
    assert best(matcher, "Can I update the shipping address of my order?") == "address"
    assert best(matcher, "returning these shoes, how?") == "returns"


def test_a_question_is_matched_with_the_entries_of_its_own_language_only(matcher):
    assert language_of("배송 tracking 어디서") == "ko" and language_of("where is my parcel") == "en"
    assert {match.entry_id for match in matcher.ranked("배송 address 어디서 바꿔요")} <= {"tracking", "coupon", "refund", "password"}
    assert {match.entry_id for match in matcher.ranked("where is my refund")} <= {"address", "returns"}


def test_a_short_form_in_the_dictionary_meets_the_entrys_word_on_both_sides(shipped):
    model, _, past = shipped
    without = FaqMatcher(ENTRIES, model, Synonyms([]), past)
    with_it = FaqMatcher(ENTRIES, model, Synonyms([SynonymGroup("ko", ["비밀번호", "비번"])]), past)

    assert with_it.terms_of("비번") == with_it.terms_of("비밀번호")
    assert best(without, "비번") != "password"
    assert best(with_it, "비번") == "password"


def test_a_dictionary_variant_may_be_a_phrase_and_the_longest_variant_wins():
    synonyms = Synonyms([SynonymGroup("en", ["refund", "money back", "money"]), SynonymGroup("en", ["parcel", "box"])])

    assert synonyms.applied(["want", "money", "back", "now"], "en") == ["want", "refund", "now"]
    assert synonyms.applied(["money", "box"], "en") == ["refund", "parcel"]
    assert synonyms.applied(["refund"], "en") == ["refund"]


def test_groups_sharing_a_word_are_one_group_whose_first_word_stands_for_all():
    synonyms = Synonyms([SynonymGroup("en", ["points", "rewards"]), SynonymGroup("en", ["bonus", "rewards", "perks"])])

    assert synonyms.applied(["bonus", "perk", "reward", "point"], "en") == ["point"] * 4


def test_a_group_applies_to_texts_of_its_own_language():
    synonyms = Synonyms([SynonymGroup("ko", ["인증", "OTP"]), SynonymGroup("en", ["two-factor", "otp"])])

    assert synonyms.applied(["otp"], "ko") == ["인증"]
    assert synonyms.applied(["otp"], "en") == ["two", "factor"]


def test_a_dictionary_group_whose_words_have_no_terms_changes_nothing():
    assert Synonyms([SynonymGroup("en", ["the", "a"])]).applied(["the", "parcel"], "en") == ["the", "parcel"]


def test_stop_words_weigh_nothing_and_a_question_of_stop_words_alone_has_no_candidates(matcher):
    assert matcher.terms_of("배송 조회 어떻게 해요") == matcher.terms_of("배송 조회")
    assert matcher.terms_of("how do I return it") == matcher.terms_of("return")
    assert matcher.candidates("?!") == []
    assert matcher.answer_for("어떻게 해요?") is None


def test_matches_come_most_likely_first_with_probabilities(matcher):
    ranked = matcher.ranked("배송 조회 어디서 해요")

    assert ranked[0].entry_id == "tracking"
    assert all(0 < match.score < 1 for match in ranked)
    assert [match.score for match in ranked] == sorted((match.score for match in ranked), reverse=True)


def test_a_question_no_entry_answers_gets_no_automatic_answer(matcher):
    assert matcher.answer_for("판매자가 너무 불친절해서 화가 납니다") is None
    assert matcher.answer_for("The blender stopped working after two days") is None


def test_the_story_of_a_specific_order_goes_to_a_person_though_its_topic_has_an_entry(matcher):
    assert matcher.answer_for("환불은 언제 되나요?") is not None
    assert matcher.answer_for("환불 받았다고 나오는데 카드사에서는 아직도 안 들어왔대요 확인해주세요") is None


def by_question_likeness(threshold: float, margin: float) -> FaqModel:
    """A model whose probability grows with the likeness of the question's n-grams to the entry's question alone."""
    coefficients = [0.0] * len(FEATURES)
    coefficients[FEATURES.index("question_ngrams")] = 10.0
    return FaqModel(FEATURES, coefficients, -5.0, threshold, margin, {})


def test_the_model_answers_only_from_its_threshold_and_with_its_margin_over_the_second():
    model = by_question_likeness(threshold=0.6, margin=0.2)

    assert model.answers(0.9, 0.5)
    assert not model.answers(0.9, 0.75)  # the second entry is nearly as likely
    assert not model.answers(0.55, 0.0)  # under the threshold


def test_two_entries_answering_alike_give_no_automatic_answer():
    twins = [FaqText("one", "배송 조회는 어떻게 하나요?"), FaqText("two", "배송 조회는 어떻게 하나요?")]
    alone = FaqMatcher(twins[:1], by_question_likeness(0.6, 0.2), Synonyms([]))
    both = FaqMatcher(twins, by_question_likeness(0.6, 0.2), Synonyms([]))

    assert alone.answer_for("배송 조회는 어떻게 하나요?").entry_id == "one"
    assert both.answer_for("배송 조회는 어떻게 하나요?") is None


def test_a_shops_entry_answers_before_a_platform_entry_as_likely_within_the_margin():
    entries = [FaqText("platform", "배송 조회는 어떻게 하나요?"), FaqText("shop", "배송 조회는 어떻게 하나요? 출고")]
    matcher = FaqMatcher(entries, by_question_likeness(0.6, 0.2), Synonyms([]))

    assert matcher.answer_for("배송 조회는 어떻게 하나요?", preferred={"shop"}).entry_id == "shop"
    assert [match.entry_id for match in matcher.ranked("배송 조회", preferred={"shop"})] == ["shop", "platform"]


def test_a_shops_entry_far_less_likely_than_a_platform_entry_does_not_answer():
    entries = [FaqText("platform", "배송 조회는 어떻게 하나요?"), FaqText("shop", "출고는 언제 하나요? 배송")]
    matcher = FaqMatcher(entries, by_question_likeness(0.1, 0.1), Synonyms([]))

    answered = matcher.answer_for("배송 조회는 어떻게 하나요?", preferred={"shop"})

    assert answered is not None and answered.entry_id == "platform"


def test_search_finds_entries_of_either_language_by_term_or_by_spelling(matcher):
    assert matcher.searched("환불")[0] == "refund"
    assert matcher.searched("adress")[0] == "address"  # a typo: by character n-grams
    assert matcher.searched("쿠폰 address") [:2] in (["coupon", "address"], ["address", "coupon"])
    assert matcher.searched("zzqx") == []


def test_nothing_matches_when_there_are_no_entries(shipped):
    model, synonyms, past = shipped
    empty = FaqMatcher([], model, synonyms, past)

    assert empty.ranked("배송 조회") == [] and empty.answer_for("배송 조회") is None and empty.searched("배송") == []


def test_a_model_keeps_its_figures_through_json_and_refuses_other_features():
    model = by_question_likeness(0.7, 0.1)
    again = FaqModel.from_json(model.to_json(), FEATURES)

    assert again == model
    with pytest.raises(ValueError):
        FaqModel.from_json({**model.to_json(), "features": ["another"]}, FEATURES)
