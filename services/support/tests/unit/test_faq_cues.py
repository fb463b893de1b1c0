"""The grammar that says a person should read a question: a story of what happened, a request, something that did
not happen, again or still; in Korean through the analyser, in English by its words. A how-to question has none."""
import pytest

from support.domain.faq_cues import Cues, cues_of


@pytest.mark.parametrize(("question", "cues"), [
    ("교환 신청했는데 같은 사이즈가 또 왔어요", Cues(past=2, persistence=1)),
    ("배송지 바꿔주세요", Cues(request=1)),
    ("포인트가 적립이 안 됐어요", Cues(past=1, negation=1)),
    ("it arrived broken, please refund", Cues(past=1, request=2)),
    ("my parcel still hasn't come", Cues(negation=1, persistence=1)),
    ("I didn't get the code again", Cues(negation=1, persistence=1)),
])
def test_a_story_a_request_a_negation_or_again_are_counted(question, cues):
    assert cues_of(question) == cues


@pytest.mark.parametrize("question", ["사이즈 교환 되나요?", "배송 조회는 어디서 하나요", "how do I exchange a size?",
                                      "where can I see my points"])
def test_a_how_to_question_has_no_cues(question):
    assert cues_of(question) == Cues()


def test_the_model_reads_each_count_capped_at_three():
    assert Cues(past=5, request=1).as_features() == [3.0, 1.0, 0.0, 0.0]
