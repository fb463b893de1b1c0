"""Who is asking orders: the identity the gateway signed, turned into the Viewer whose rules
domain/visibility.py states. The one place the API reads the identity."""
from orders.domain.visibility import Viewer
from servicekit.identity import STEP_UP_SECONDS, current_identity, ensure_second_factor

# current_viewer's refusal, as the OpenAPI document of each view that calls it names it.
SELLER_WITHOUT_SECOND_FACTOR = "second-factor-required: a seller sees orders only when signed in with a second factor."


def current_viewer() -> Viewer:
    """The caller as orders sees them; a seller must have signed in with a second factor, since their view
    of orders is managing their shop (A4)."""
    identity = current_identity()
    if identity.has_role("seller"):
        ensure_second_factor(identity)
    return Viewer(
        subject=identity.subject,
        seller_id=identity.seller_id if identity.has_role("seller") else None,
        is_admin=identity.has_role("admin"),
        recently_verified=identity.second_factor_within(STEP_UP_SECONDS),
    )


def current_customer_id() -> str:
    """The customer asking about their own points, coupons or checkout."""
    return current_identity().subject
