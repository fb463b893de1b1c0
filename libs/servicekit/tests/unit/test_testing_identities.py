"""servicekit.testing.identities signs the gateway's headers for each kind of person a service's tests act as."""
import time

import pytest

from servicekit.identity import TokenVerifier
from servicekit.testing.identities import as_admin, as_agent, as_customer, as_seller


@pytest.fixture(scope="module")
def verified(identity_keys):
    verifier = TokenVerifier((identity_keys / "identity-public.pem").read_bytes())
    return lambda headers: verifier.verify(headers["X-Identity-Token"])


def test_a_customer_is_new_unless_named_and_has_no_second_factor(sign_identity, verified):
    first, second = verified(as_customer(sign_identity)), verified(as_customer(sign_identity))
    kim = verified(as_customer(sign_identity, "c-1", name="김민지"))

    assert first.subject != second.subject and first.roles == {"customer"} and not first.mfa
    assert (kim.subject, kim.name) == ("c-1", "김민지")


@pytest.mark.parametrize("sign_in", [as_seller, as_agent, as_admin])
def test_who_acts_for_others_comes_with_a_second_factor_of_a_moment_ago(sign_identity, verified, sign_in):
    arguments = ("seller-1",) if sign_in is as_seller else ()

    identity = verified(sign_in(sign_identity, *arguments))

    assert identity.second_factor_within(5)
    assert identity.roles == {sign_in.__name__.removeprefix("as_")}


def test_a_seller_acts_for_their_seller_and_a_second_factor_can_be_old_or_missing(sign_identity, verified):
    seller = verified(as_seller(sign_identity, "seller-1"))
    stale_admin = verified(as_admin(sign_identity, "admin-1", second_factor_age=3600))
    agent_without = verified(as_agent(sign_identity, second_factor_age=None))

    assert seller.seller_id == "seller-1"
    assert stale_admin.subject == "admin-1" and abs(stale_admin.second_factor_at - (time.time() - 3600)) < 5
    assert not agent_without.mfa
