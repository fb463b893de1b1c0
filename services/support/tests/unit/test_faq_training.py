"""Training the automatic-answer model: the scaled logistic regression scikit-learn fits is the plain-Python model
the service scores, and the threshold kept is one at which the held-out precision reaches what was asked."""
import json
import random

from support.domain.faq_matching import FEATURES
from support.faq_learning import DATA, default_entries, sample_questions, shipped_synonyms
from support.faq_training import _as_model, _fit, train


def test_the_model_scored_in_plain_python_gives_scikit_learns_probabilities():
    chance = random.Random(3)
    rows = []
    for number in range(300):
        features = [chance.gauss(0, scale) for scale in (1, 10, 0.1)] + [0.0] * (len(FEATURES) - 3)
        rows.append((0, number, "e", features, features[0] + features[1] / 10 + chance.gauss(0, 1) > 0))
    fitted = _fit(rows)

    model = _as_model(fitted, 0.5, 0.1, {})

    for _, _, _, features, _ in rows[:50]:
        assert abs(model.probability(features) - fitted.predict_proba([features])[0][1]) < 1e-9


def test_the_threshold_kept_reaches_the_precision_asked_on_held_out_questions(tmp_path):
    questions = sample_questions(DATA / "faq_training_inquiries.json")[::4]

    document = train([(default_entries(), questions)], shipped_synonyms(), 0.85)

    figures = document["trained"]["cross_validated"]
    assert set(figures) == {"ko", "en"}
    assert all(figure["precision"] >= 0.85 and figure["answered"] > 0 for figure in figures.values()), figures
    assert document["threshold"] < 1 and document["margin"] > 0
    assert json.loads(json.dumps(document)) == document  # stored as JSON, as it is
