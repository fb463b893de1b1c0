"""The trained cause model: scored in plain Python as scikit-learn scores it, reading what follows a contrast apart,
and agreeing with the labels of reviews written by someone who saw neither it nor its training reviews."""
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from reviews.cause_training import trained
from reviews.domain.cause_model import AFTER_CONTRAST, CauseModel, cause_features, char_ngrams, clauses
from reviews.domain.negative_causes import likely_cause, packaged_model, packaged_rules, ruled_cause

SAMPLE = json.loads((Path(__file__).parents[1] / "data" / "negative_reviews_labelled.json").read_text("utf-8"))
TRAINING = json.loads(resources.files("reviews").joinpath("data/negative_reviews_training.json").read_text("utf-8"))
# The shipped model measured 0.877 (Korean) and 0.807 (English) on the test part (bench.review_causes): this floor
# catches a model or analyser that does worse. The target of issue 19, 0.9, is not met yet.
FLOOR = 0.78


def test_a_review_turns_at_a_contrast_and_what_follows_is_marked():
    assert len(clauses("배송은 빨랐는데 제품이 불량이에요")) == 2
    assert len(clauses("Fast shipping, but it broke on day two")) == 2
    words, _ = cause_features("배송은 빨랐는데 제품이 불량이에요")
    assert AFTER_CONTRAST + "불량" in words.split() and AFTER_CONTRAST + "배송" not in words.split()


def test_character_ngrams_are_made_as_scikit_learns_char_wb():
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "배송이너무 늦어요  ok fine"
    expected = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer()(text)
    assert char_ngrams(text) == expected


def test_the_model_scores_in_plain_python_as_scikit_learn_does():
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    reviews = TRAINING["reviews"][:200]
    model = CauseModel(trained(reviews))
    words, plain = zip(*(cause_features(review["text"]) for review in reviews))
    by_terms = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
    by_chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)
    features = hstack([by_terms.fit_transform(words), by_chars.fit_transform(plain)]).tocsr()
    fitted = LogisticRegression(C=10.0, max_iter=5000).fit(features, [review["cause"] for review in reviews])
    unseen = [review["text"] for review in SAMPLE["reviews"][:20]]
    unseen_words, unseen_plain = zip(*(cause_features(text) for text in unseen))
    theirs = fitted.predict_proba(hstack([by_terms.transform(unseen_words), by_chars.transform(unseen_plain)]))

    ours = [[model.probabilities(text)[cause] for cause in fitted.classes_] for text in unseen]

    assert np.allclose(ours, theirs, atol=1e-6)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_shipped_model_agrees_with_the_labels_of_the_untouched_test_part(language):
    rules, model = packaged_rules(), packaged_model()
    reviews = [review for review in SAMPLE["reviews"] if review["split"] == "test" and review["language"] == language]

    agreed = sum(likely_cause(review["text"], rules, model) == review["cause"] for review in reviews) / len(reviews)
    by_rules = sum(ruled_cause(review["text"], rules) == review["cause"] for review in reviews) / len(reviews)

    assert agreed >= FLOOR
    assert agreed > by_rules  # the model is used because it measures better than the rules alone


def test_without_a_model_the_rules_decide():
    assert likely_cause("배송은 빨랐는데 한 번 쓰고 고장났어요.", packaged_rules()) == "product_quality"
