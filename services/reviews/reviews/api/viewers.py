"""Who is asking, in reviews' words, from the gateway's identity token: the one place that reads it."""
from __future__ import annotations

from reviews.domain.people import Reader, Reviewer
from servicekit.identity import current_identity, ensure_second_factor
from servicekit.languages import _
from servicekit.problems import Problem


def reader() -> Reader:
    """Anyone reading reviews, signed in or not."""
    identity = current_identity()
    return Reader(account_id=identity.subject, is_admin=identity.has_role("admin"))


def account_id() -> str:
    """The signed-in caller's account (the views that call this require a role first)."""
    return current_identity().subject


def reviewer(display_name: str | None) -> Reviewer:
    """The customer posting a review, under their account's name as the gateway's token carries it.

    `display_name` from the form counts only when the token has no name (a gateway from before the
    name travelled in it), so nobody writes under a name that is not their account's.
    """
    identity = current_identity()
    name = identity.name or display_name
    if name is None:
        raise Problem(
            422, "validation-failed", "Unprocessable Entity", _("This account's name is unknown here."),
            errors={"display_name": [_("Give the name to show with the review.")]},
        )
    return Reviewer(identity.subject, name)


def seller_id() -> str | None:
    """The shop the caller acts for, which needs a second factor; None when they sell nothing."""
    identity = current_identity()
    ensure_second_factor(identity)
    return identity.seller_id if identity.has_role("seller") else None


def own_shop(shop_id: str) -> None:
    """Refuse a caller who is not the seller of `shop_id`."""
    if seller_id() != shop_id:
        raise Problem(403, "not-your-shop", "Forbidden", _("A seller sees and changes their own shop's reviews only."))


def report_scope(requested: str | None) -> str | None:
    """Whose reviews a report counts (negative causes, ratings by period): for an admin, the seller asked for or
    the whole marketplace (None); for a seller, their own shop only."""
    identity = current_identity()
    if identity.has_role("admin"):
        ensure_second_factor(identity)
        return requested
    own = seller_id()
    if own is None:
        raise Problem(403, "no-shop", "Forbidden", _("This account has no shop whose reviews could be counted."))
    if requested not in (None, own):
        raise Problem(403, "not-your-shop", "Forbidden", _("A seller sees the figures of their own reviews only."))
    return own
