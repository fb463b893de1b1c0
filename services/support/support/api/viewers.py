"""Who is asking support: the one place that turns the gateway's identity token into a Viewer."""
from servicekit.identity import Identity, current_identity, ensure_second_factor
from servicekit.languages import _
from servicekit.problems import Problem
from support.domain.people import STAFF_ROLES, Viewer

# current_viewer's refusal, as the OpenAPI document of each view that calls it names it.
STAFF_WITHOUT_SECOND_FACTOR = (
    "second-factor-required: sellers and agents see customers' cases only when signed in with a second factor."
)


def _viewer(identity: Identity, roles, seller_id: str | None) -> Viewer:
    return Viewer(
        subject=identity.subject or "", roles=tuple(sorted(roles)), seller_id=seller_id, name=identity.name or ""
    )


def current_viewer() -> Viewer:
    """The caller of anything personal. Sellers and agents see customers' cases, so they need a second
    factor, as orders asks of them too."""
    identity = current_identity()
    if identity.has_role(*STAFF_ROLES):
        ensure_second_factor(identity)
    return _viewer(identity, identity.roles, identity.seller_id)


def current_reader() -> Viewer:
    """The caller of a public page, signed in or not: a seller's or agent's rights (a seller's secret
    product questions, unpublished FAQ entries) count only with a second factor; without one they read
    what anyone reads."""
    identity = current_identity()
    if identity.mfa:
        return _viewer(identity, identity.roles, identity.seller_id)
    return _viewer(identity, identity.roles - set(STAFF_ROLES), None)


def figures_seen(asked_seller_id: str | None) -> str | None:
    """Whose CS figures the caller reads: an agent's choice (None: the platform's), a seller their own shop's."""
    viewer = current_viewer()
    if viewer.is_agent:
        return asked_seller_id
    if not viewer.is_seller or asked_seller_id not in (None, viewer.seller_id):
        raise Problem(403, "forbidden", "Forbidden", _("A seller sees only the figures of their own shop."))
    return viewer.seller_id
