"""Events produced by the auth service."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Timestamp
from contracts.registry import event

SELLER_TYPES = ("individual", "sole_proprietor", "corporation")


@event("SellerApproved", 1, producer="auth", subscribers=("catalog",))
class SellerApprovedV1(Schema):
    """An admin approved a seller's registration; from now on the seller may list products."""

    seller_id = Id()
    account_id = Id()
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    seller_type = fields.String(required=True, validate=validate.OneOf(SELLER_TYPES))
    business_registration_number = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{10}$")
    )
    approved_by = Id()
    approved_at = Timestamp()
