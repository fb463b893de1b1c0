"""Compensation after a case: the seller or an agent grants points or a coupon once the case is resolved,
once per case and within what their role may grant; orders is sent CompensationGranted.
"""
import pytest

from servicekit.testing.events import recorded
from servicekit.testing.identities import as_agent, as_customer, as_seller
from .people import known_product, new_id, opened


class SellerCase:
    """A customer's question about a product, held by the product's seller."""

    def __init__(self, runtime, client, sign_identity):
        self.runtime, self.client = runtime, client
        self.customer_id, self.seller_id = new_id(), new_id()
        self.customer = as_customer(sign_identity, self.customer_id)
        self.seller = as_seller(sign_identity, self.seller_id)
        self.agent = as_agent(sign_identity)
        product_id = known_product(runtime, self.seller_id)
        self.id = opened(client, self.customer, inquiry_type="product", product_id=product_id)["id"]

    def resolve(self):
        response = self.client.post(
            f"/api/inquiries/{self.id}/status", json={"status": "resolved", "reason_code": "product_defect"},
            headers=self.seller,
        )
        assert response.status_code == 200, response.json

    def grant(self, headers, **body):
        return self.client.post(f"/api/inquiries/{self.id}/compensation", json=body, headers=headers)

    def granted_events(self):
        return recorded(self.runtime, "CompensationGranted", inquiry_id=self.id)


@pytest.fixture
def case(support_runtime, support_client, sign_identity):
    return SellerCase(support_runtime, support_client, sign_identity)


def test_the_seller_grants_points_for_a_resolved_case_and_orders_is_told(case):
    case.resolve()

    granted = case.grant(case.seller, kind="points", amount=3000)

    assert granted.status_code == 201, granted.json
    assert (granted.json["kind"], granted.json["amount"], granted.json["granted_by_role"]) == ("points", 3000, "seller")
    [event] = case.granted_events()
    assert (event["customer_id"], event["kind"], event["amount"], event["coupon_id"]) == (
        case.customer_id, "points", 3000, None
    )
    assert case.client.get(f"/api/inquiries/{case.id}/compensation", headers=case.customer).json["amount"] == 3000


def test_a_seller_grants_at_most_5000_points_and_an_agent_at_most_30000(case, support_runtime, support_client, sign_identity):
    case.resolve()
    other = SellerCase(support_runtime, support_client, sign_identity)
    other.resolve()

    over_seller_limit = case.grant(case.seller, kind="points", amount=5001)
    by_agent = case.grant(case.agent, kind="points", amount=30000)
    over_agent_limit = other.grant(other.agent, kind="points", amount=30001)

    assert over_seller_limit.status_code == 422 and "5,000" in over_seller_limit.json["detail"]
    assert by_agent.status_code == 201
    assert over_agent_limit.status_code == 422
    assert other.granted_events() == []


def test_a_case_is_compensated_once_and_only_after_it_is_resolved(case):
    coupon_id = new_id()
    too_early = case.grant(case.agent, kind="coupon", coupon_id=coupon_id)
    case.resolve()

    first = case.grant(case.agent, kind="coupon", coupon_id=coupon_id)
    second = case.grant(case.seller, kind="points", amount=1000)

    assert too_early.status_code == 409
    assert first.status_code == 201 and first.json["coupon_id"] == coupon_id
    assert second.status_code == 409
    assert [e["kind"] for e in case.granted_events()] == ["coupon"]


def test_only_the_cases_seller_or_an_agent_compensates(case, sign_identity):
    case.resolve()

    other_seller = case.grant(as_seller(sign_identity, new_id()), kind="points", amount=1000)
    customer = case.grant(case.customer, kind="points", amount=1000)
    without_what_to_grant = case.grant(case.seller, kind="coupon")

    assert (other_seller.status_code, customer.status_code) == (404, 403)
    assert without_what_to_grant.status_code == 422
    assert case.granted_events() == []
