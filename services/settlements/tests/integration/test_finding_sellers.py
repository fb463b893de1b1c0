"""Admins find the seller whose payouts to hold by a registered name or the seller's id; nobody else may look."""
from servicekit.testing.identities import as_admin, as_seller
from .sales import approved_seller, new_id


def test_an_admin_finds_sellers_by_part_of_a_registered_name_in_any_case_or_by_id(
    settlements_client, settlements_consumer, sign_identity
):
    mark = new_id()[:8]  # names of this test's own: the database holds every other test's sellers too
    tea, cups, other = new_id(), new_id(), new_id()
    approved_seller(settlements_consumer, tea, f"Jeju Green_Tea 100% {mark}", representative=f"김민지{mark}")
    approved_seller(settlements_consumer, cups, f"(주)제주도자기 {mark}", representative="박지수")
    approved_seller(settlements_consumer, other, "서울 문구", representative="이서연")
    admin = as_admin(sign_identity)
    settlements_client.put(f"/api/settlements/payout-holds/{cups}", json={"reason": "서류 확인"}, headers=admin)

    def found(words):
        answer = settlements_client.get("/api/settlements/sellers", query_string={"q": words}, headers=admin)
        assert answer.status_code == 200, answer.json
        return answer.json

    # By business name: "(주)제주도자기" before "Jeju Green_Tea" as Python orders text ("(" before "J").
    assert [seller["seller_id"] for seller in found(mark)] == [cups, tea]
    assert [seller["seller_id"] for seller in found(f"JEJU GREEN_TEA 100% {mark}")] == [tea]
    assert found(f"민지{mark}") == [
        {"seller_id": tea, "business_name": f"Jeju Green_Tea 100% {mark}", "representative_name": f"김민지{mark}",
         "held": False}]
    assert [(s["seller_id"], s["held"]) for s in found(cups.upper())] == [(cups, True)]
    # LIKE's wildcards are letters like any other: "_" and "%" match themselves only.
    assert found(f"Green%Tea 100% {mark}") == [] and found(f"n_Tea 1_0% {mark}") == []
    assert other not in {s["seller_id"] for s in found("제주")}
    # The list of holds names whom each holds.
    [held] = [h for h in settlements_client.get("/api/settlements/payout-holds", headers=admin).json
              if h["seller_id"] == cups]
    assert (held["business_name"], held["reason"]) == (f"(주)제주도자기 {mark}", "서류 확인")


def test_only_admins_look_sellers_up_and_an_empty_search_is_refused(settlements_client, sign_identity):
    seller = settlements_client.get("/api/settlements/sellers", query_string={"q": "제주"},
                                    headers=as_seller(sign_identity, new_id()))
    blank = settlements_client.get("/api/settlements/sellers", query_string={"q": "  "},
                                   headers=as_admin(sign_identity))
    missing = settlements_client.get("/api/settlements/sellers", headers=as_admin(sign_identity))

    assert seller.status_code == 403
    assert blank.status_code == 422 and missing.status_code == 422
