"""Who is asking settlements, from the gateway's identity token: the one place that reads it."""
from __future__ import annotations

from servicekit.identity import current_identity, ensure_second_factor
from servicekit.languages import _
from servicekit.problems import Problem
from settlements.bank_accounts import AccountHolder


def own_seller_id() -> str:
    """The shop a seller acts for, signed in with a second factor (money needs one)."""
    identity = current_identity()
    ensure_second_factor(identity)
    if not identity.has_role("seller") or identity.seller_id is None:
        raise Problem(403, "no-shop", "Forbidden", _("This account sells for no shop."))
    return identity.seller_id


def seller_in_view(requested: str | None) -> str:
    """Whose settlement a read covers: a seller's own shop, or for an admin the seller asked for (required)."""
    identity = current_identity()
    if identity.has_role("admin"):
        ensure_second_factor(identity)
        if requested is None:
            raise Problem(422, "validation-failed", "Unprocessable Entity", _("Say which seller's settlement to read."),
                          errors={"seller_id": [_("An admin names the seller.")]})
        return requested
    own = own_seller_id()
    if requested not in (None, own):
        raise Problem(403, "not-your-shop", "Forbidden", _("A seller sees their own shop's settlement only."))
    return own


def payout_owner_filter() -> str | None:
    """The seller whose payouts a caller may read; None for an admin, who reads any."""
    identity = current_identity()
    if identity.has_role("admin"):
        ensure_second_factor(identity)
        return None
    return own_seller_id()


def account_holder() -> AccountHolder:
    identity = current_identity()
    return AccountHolder(account_id=identity.subject, seller_id=own_seller_id(), session_id=identity.session_id)


def admin_id() -> str:
    return current_identity().subject
