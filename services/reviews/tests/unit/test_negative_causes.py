"""The negative-cause classifier on its packaged rules: a labelled sample of real-looking reviews in
Korean and English, and the rules' behaviour on ties, praise, width and unknown causes.
"""
import json
from pathlib import Path

import pytest

from reviews.domain.negative_causes import CauseRules, likely_cause, packaged_rules

SAMPLE = json.loads((Path(__file__).parents[1] / "data" / "negative_reviews_sample.json").read_text("utf-8"))
MIN_ACCURACY = 0.8


def accuracy(reviews):
    rules = packaged_rules()
    return sum(likely_cause(r["text"], rules) == r["cause"] for r in reviews) / len(reviews)


def test_the_sample_is_large_and_covers_both_languages_and_every_cause():
    assert len(SAMPLE) >= 30
    assert {r["cause"] for r in SAMPLE} == {"product_quality", "delivery", "service", "price_value", "other"}
    assert any(r["text"].isascii() for r in SAMPLE) and any(not r["text"].isascii() for r in SAMPLE)


def test_the_packaged_rules_find_the_cause_of_at_least_80_percent_of_the_sample(record_property):
    overall = accuracy(SAMPLE)
    unseen = accuracy([r for r in SAMPLE if r["written_after_rules"]])
    record_property("accuracy", overall)
    record_property("accuracy_on_reviews_written_after_the_rules", unseen)
    print(f"negative cause accuracy: {overall:.3f} on {len(SAMPLE)} reviews, {unseen:.3f} on those written later")
    assert overall >= MIN_ACCURACY


def test_a_review_naming_no_cause_is_other():
    assert likely_cause("그냥 그래요. Not for me.", packaged_rules()) == "other"


def test_the_cause_with_more_hits_wins_whatever_its_priority():
    rules = packaged_rules()
    assert likely_cause("제품은 멀쩡한데 배송이 늦었고 택배 상자도 파손됐어요.", rules) == "delivery"


def test_a_tie_goes_to_the_cause_earlier_in_priority():
    rules = CauseRules(keywords={"delivery": ("배송",), "service": ("문의",)}, priority=("service", "delivery"))
    assert likely_cause("배송 문의", rules) == "service"


def test_praise_of_an_aspect_does_not_count_against_it():
    assert likely_cause("배송은 빨랐는데 한 번 쓰고 고장났어요.", packaged_rules()) == "product_quality"
    assert likely_cause("Fast shipping, but it feels flimsy.", packaged_rules()) == "product_quality"


def test_full_width_and_capital_letters_match_like_plain_ones():
    assert likely_cause("ＯＶＥＲＰＲＩＣＥＤ!!", packaged_rules()) == "price_value"


def test_rules_naming_a_cause_outside_the_contract_are_refused():
    with pytest.raises(ValueError):
        CauseRules(keywords={"smell": ("냄새",)}, priority=("smell",))


def test_rules_meet_any_inflection_of_a_keyword_through_its_stem():
    rules = CauseRules(keywords={"product_quality": ("고장",), "delivery": ("늦다",)},
                       priority=("product_quality", "delivery"))
    assert likely_cause("이틀 만에 고장나서 못 써요", rules) == "product_quality"
    assert likely_cause("택배가 너무 늦었어요", rules) == "delivery"
    assert likely_cause("늦게 와서 짜증", rules) == "delivery"


def test_what_follows_a_contrast_outweighs_what_comes_before():
    rules = CauseRules(keywords={"product_quality": ("불량",), "delivery": ("배송",)},
                       priority=("delivery", "product_quality"))
    assert likely_cause("배송 배송 정말 느렸는데 불량이에요", rules) == "delivery"  # two hits before against one after, x2
    assert likely_cause("배송 느렸는데 불량이에요", rules) == "product_quality"
    assert likely_cause("The box was dented but the blender itself is defective",
                        CauseRules(keywords={"product_quality": ("defective",), "delivery": ("box",)},
                                   priority=("delivery", "product_quality"))) == "product_quality"
