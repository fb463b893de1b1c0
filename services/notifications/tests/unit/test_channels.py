"""Which channels each kind goes out on by default and after a person's choices, and which choices are refused."""
from datetime import timedelta

import sample_events as events
from notifications.domain.channels import chosen_channels, refused_channel, refused_kind, still_owed
from notifications.domain.kinds import KINDS, kinds_for


def test_in_app_is_every_kinds_and_email_most_while_sms_is_only_for_a_shipped_order():
    assert all("in_app" in chosen_channels(kind, {}) for kind in KINDS)
    without_email = {kind for kind in KINDS if "email" not in chosen_channels(kind, {})}
    with_sms = {kind for kind in KINDS if "sms" in chosen_channels(kind, {})}

    assert without_email == {"response_target_near"}
    assert with_sms == {"order_shipped"}


def test_a_persons_choice_wins_over_the_default_and_in_app_stays_whatever_is_stored():
    assert chosen_channels("order_shipped", {"sms": False, "email": False}) == {"in_app"}
    assert chosen_channels("response_target_near", {"email": True}) == {"in_app", "email"}
    assert chosen_channels("new_order", {"in_app": False}) == {"in_app", "email"}


def test_in_app_cannot_be_switched_off_and_unknown_channels_are_refused():
    assert refused_channel("in_app", False) is not None
    assert refused_channel("in_app", True) is None
    assert refused_channel("pager", True) is not None
    assert refused_channel("sms", True) is None


def test_a_person_chooses_only_among_the_kinds_that_can_reach_them():
    assert refused_kind("new_order", {"customer"}) is not None
    assert refused_kind("order_shipped", {"customer"}) is None
    assert refused_kind("inquiry_escalated", {"seller"}) is not None
    assert refused_kind("response_target_breached", {"agent"}) is None
    assert refused_kind("teleported", {"customer", "seller", "agent"}) is not None


def test_sellers_agents_and_customers_each_have_their_kinds():
    assert [kind.name for kind in kinds_for({"agent"})] == [
        "response_target_near", "response_target_breached", "inquiry_escalated",
    ]
    assert "new_order" in {kind.name for kind in kinds_for({"seller"})}
    assert kinds_for({"admin"}) == []


def test_sellers_are_mailed_of_their_payouts_unless_they_switch_it_off():
    seller_kinds = {kind.name for kind in kinds_for({"seller"})}

    assert {"payout_paid", "payout_held"} <= seller_kinds
    assert {"payout_paid", "payout_held"}.isdisjoint(kind.name for kind in kinds_for({"customer", "agent"}))
    assert chosen_channels("payout_paid", {}) == chosen_channels("payout_held", {}) == {"in_app", "email"}
    assert chosen_channels("payout_paid", {"email": False}) == {"in_app"}
    assert chosen_channels("payout_held", {"email": False}) == {"in_app"}


def test_a_mail_owed_for_more_than_three_days_is_no_longer_news():
    sent_at = events.now()

    assert still_owed(sent_at, sent_at + timedelta(days=3))
    assert not still_owed(sent_at, sent_at + timedelta(days=3, seconds=1))
