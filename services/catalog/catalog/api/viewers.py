"""Who is asking the catalog: the one place that turns the gateway's identity token into a Viewer."""
from catalog.domain.people import Viewer
from servicekit.identity import current_identity

SELLER = "seller"
ADMIN = "admin"


def current_viewer() -> Viewer:
    """The caller, signed in or not; a seller id counts for the seller's own products only."""
    identity = current_identity()
    return Viewer(subject=identity.subject, seller_id=identity.seller_id, admin=identity.has_role(ADMIN))
