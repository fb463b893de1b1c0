"""The synonym and short-form dictionary through the API: it starts with the shipped groups, agents read it, admins
add, change and remove groups, and matching follows an edit at once, for entries and questions alike."""
import pytest

from servicekit.testing.identities import as_admin, as_agent, as_customer, as_seller
from .faq_entries import empty_faq, written  # noqa: F401  (empty_faq: the fixture below)
from .people import new_id

pytestmark = pytest.mark.usefixtures("empty_faq")
SYNONYMS = "/api/faq/synonyms"


def score_of(client, sign_identity, text, entry_id):
    response = client.get("/api/faq/suggestions", query_string={"text": text}, headers=as_customer(sign_identity))
    assert response.status_code == 200, response.json
    return next((suggestion["score"] for suggestion in response.json if suggestion["entry"]["id"] == entry_id), 0.0)


def test_the_dictionary_starts_with_the_shipped_groups_and_agents_read_it(support_client, sign_identity):
    listed = support_client.get(SYNONYMS, query_string={"language": "ko"}, headers=as_agent(sign_identity))

    assert listed.status_code == 200
    assert ["비밀번호", "비번", "패스워드", "암호"] in [group["words"] for group in listed.json]
    assert {group["language"] for group in listed.json} == {"ko"}
    assert support_client.get(SYNONYMS, headers=as_customer(sign_identity)).status_code == 403
    assert support_client.get(SYNONYMS, headers=as_seller(sign_identity, new_id())).status_code == 403


def test_a_group_an_admin_adds_makes_a_short_form_find_its_entry_and_removing_it_undoes_that(support_client, sign_identity):
    entry = written(support_client, sign_identity, "적립금은 어디에 쓰나요?", "결제할 때 적립금을 쓸 수 있습니다.",
                    category="coupons_points")
    written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", "주문 내역에서 볼 수 있습니다.")
    question = "ㅈㄹㄱ 남은 거 확인"
    before = score_of(support_client, sign_identity, question, entry["id"])

    added = support_client.post(SYNONYMS, json={"language": "ko", "words": ["적립금", "ㅈㄹㄱ"]},
                                headers=as_admin(sign_identity))

    assert added.status_code == 201, added.json
    assert score_of(support_client, sign_identity, question, entry["id"]) > before + 0.1
    assert support_client.delete(f"{SYNONYMS}/{added.json['id']}", headers=as_admin(sign_identity)).status_code == 204
    assert score_of(support_client, sign_identity, question, entry["id"]) == before


def test_an_admin_changes_a_groups_words(support_client, sign_identity):
    added = support_client.post(SYNONYMS, json={"language": "en", "words": ["parcel", "parsel"]},
                                headers=as_admin(sign_identity)).json

    changed = support_client.patch(f"{SYNONYMS}/{added['id']}", json={"words": ["parcel", "parsel", "pkg", "parsel "]},
                                   headers=as_admin(sign_identity))

    assert changed.status_code == 200
    assert changed.json["words"] == ["parcel", "parsel", "pkg"]
    assert changed.json["updated_at"] >= added["updated_at"]


@pytest.mark.parametrize(("words", "problem"), [
    (["the", "parcel"], "synonym-without-terms"),
    (["!!", "parcel"], "synonym-without-terms"),
    (["parcel", "parcel "], "synonyms-need-two-words"),
])
def test_a_group_that_could_never_match_is_refused_and_nothing_is_kept(support_client, sign_identity, words, problem):
    before = support_client.get(SYNONYMS, headers=as_agent(sign_identity)).json

    refused = support_client.post(SYNONYMS, json={"language": "en", "words": words}, headers=as_admin(sign_identity))

    assert refused.status_code == 422
    assert refused.json["type"].endswith(problem)
    assert support_client.get(SYNONYMS, headers=as_agent(sign_identity)).json == before


def test_only_admins_change_the_dictionary(support_client, sign_identity):
    group = {"language": "ko", "words": ["배송", "택베"]}

    assert support_client.post(SYNONYMS, json=group, headers=as_agent(sign_identity)).status_code == 403
    assert support_client.post(SYNONYMS, json=group, headers=as_customer(sign_identity)).status_code == 403
    assert support_client.delete(f"{SYNONYMS}/{new_id()}", headers=as_agent(sign_identity)).status_code == 403


def test_an_unknown_group_is_not_found(support_client, sign_identity):
    assert support_client.delete(f"{SYNONYMS}/{new_id()}", headers=as_admin(sign_identity)).status_code == 404
    assert support_client.patch(f"{SYNONYMS}/not-an-id", json={"words": ["parcel", "pkg"]},
                                headers=as_admin(sign_identity)).status_code == 404
