"""Events produced by the auth service."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Timestamp
from contracts.registry import event

SELLER_TYPES = ("individual", "sole_proprietor", "corporation")


@event("SellerApproved", 1, producer="auth", subscribers=("catalog", "notifications", "settlements"))
class SellerApprovedV1(Schema):
    """An admin approved a seller's registration; from now on the seller may list products."""

    seller_id = Id()
    account_id = Id()
    # The business name registered, or the representative's name for a seller without one.
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    seller_type = fields.String(required=True, validate=validate.OneOf(SELLER_TYPES))
    business_registration_number = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{10}$")
    )
    approved_by = Id()
    approved_at = Timestamp()
    # Additive to v1: the seller's email. Catalog once mailed low-stock alerts there; nothing reads it now (the
    # notifications service reaches sellers through AccountContactsChanged), but v1 keeps it for its readers.
    contact_email = fields.Email(load_default=None, allow_none=True)
    # Additive to v1: the representative's name as registered (a business's owner), which a payout account may be
    # held under as well as the business name; null from an auth before it told it.
    representative_name = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=100))


@event("SellerRejected", 1, producer="auth", subscribers=("notifications",))
class SellerRejectedV1(Schema):
    """An admin rejected a seller's registration, with the reason the seller is shown."""

    seller_id = Id()
    account_id = Id()
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    rejected_by = Id()
    rejected_at = Timestamp()


LOCK_REASONS = ("repeated_login_failures", "repeated_second_factor_failures")


@event("AccountLocked", 1, producer="auth", subscribers=("support",))
class AccountLockedV1(Schema):
    """Repeated failures locked an account until `locked_until`; the owner was told by their contact."""

    account_id = Id()
    reason = fields.String(required=True, validate=validate.OneOf(LOCK_REASONS))
    failed_attempts = fields.Integer(required=True, validate=validate.Range(min=1))
    locked_at = Timestamp()
    locked_until = Timestamp()


@event("AccountDeactivated", 1, producer="auth", subscribers=("gateway", "support"))
class AccountDeactivatedV1(Schema):
    """The owner deactivated their account; it signs in again only through recovery.

    Every session signed in by then ends.
    """

    account_id = Id()
    deactivated_at = Timestamp()


@event("AccountReactivated", 1, producer="auth")
class AccountReactivatedV1(Schema):
    """A locked or deactivated account was recovered: a code to its contact, then a new password."""

    account_id = Id()
    previous_status = fields.String(required=True, validate=validate.OneOf(("locked", "deactivated")))
    reactivated_at = Timestamp()


PASSWORD_CHANGE_WAYS = ("change", "reset", "recovery")


@event("PasswordChanged", 1, producer="auth", subscribers=("gateway",))
class PasswordChangedV1(Schema):
    """An account's password was changed by its owner, reset with a code, or set by account recovery.

    Every session signed in by `changed_at` ends, but `kept_session_id`: the gateway session that
    made the change, which stays signed in.
    """

    account_id = Id()
    changed_at = Timestamp()
    via = fields.String(required=True, validate=validate.OneOf(PASSWORD_CHANGE_WAYS))
    kept_session_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64))


LANGUAGES = ("ko", "en")
ACCOUNT_ROLES = ("customer", "seller", "agent", "admin")


@event("AccountContactsChanged", 1, producer="auth", subscribers=("notifications",))
class AccountContactsChangedV1(Schema):
    """How to reach an account and in which language: sent when the account is made and whenever its name,
    email, phone, language, roles or seller changes.

    Each carries the whole current picture, so a subscriber keeps only the newest; `revision` grows with
    every change of one account, and a copy with a lower revision than one already kept is stale.
    """

    account_id = Id()
    revision = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^\+?[0-9]{8,15}$"))
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    roles = fields.List(fields.String(validate=validate.OneOf(ACCOUNT_ROLES)), required=True)
    seller_id = Id(load_default=None, allow_none=True, required=False)
    active = fields.Boolean(required=True)
    changed_at = Timestamp()
