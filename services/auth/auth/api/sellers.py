"""/api/sellers: anyone registers as a seller, confirmed with a code; admins review and decide registrations."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from auth import sellers, sign_ups
from auth.api.accounts import SIGN_UP_ACCEPTED
from auth.api.password_resets import accepted
from auth.api.fields import ChosenLanguage, Email, MobilePhone, Password, PersonName
from auth.api.password_resets import CodeRequestAcceptedSchema
from auth.api.viewers import request_origin, viewer
from auth.domain.accounts import ADMIN
from auth.domain.sellers import DECISIONS, DECISIONS_NEEDING_REASON, SELLER_TYPES, STATUSES
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.languages import _

blp = Blueprint("sellers", __name__, url_prefix="/api/sellers", description="Seller registration and approval")


class SellerRegistrationSchema(Schema):
    email = Email(required=True)
    phone = MobilePhone(required=True)
    password = Password(required=True)
    name = PersonName(required=True, metadata={"description": "The representative's name."})
    language = ChosenLanguage()
    birth_date = fields.Date(required=True)
    seller_type = fields.String(required=True, validate=validate.OneOf(SELLER_TYPES))
    business_name = fields.String(
        load_default=None,
        validate=[validate.Length(min=1, max=100), validate.Regexp(r"\S")],
        metadata={"description": "Required for businesses; for individuals, the shop name (defaults to name)."},
    )
    business_registration_number = fields.String(
        load_default=None,
        validate=validate.Length(max=20),
        metadata={"description": "Required for businesses: 10 digits, dashes allowed."},
    )


class SellerSchema(Schema):
    id = fields.String()
    account_id = fields.String()
    seller_type = fields.String()
    display_name = fields.String()
    business_name = fields.String(allow_none=True)
    representative_name = fields.String()
    phone = fields.String()
    email = fields.String()
    birth_date = fields.Date()
    business_registration_number = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(STATUSES)})
    decision_reason = fields.String(allow_none=True)
    decided_by = fields.String(allow_none=True)
    decided_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()


class SellerQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))


class DecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(list(DECISIONS)))
    reason = fields.String(load_default=None, validate=validate.Length(max=2000))

    @validates_schema
    def _reason_when_refusing(self, data, **kwargs):
        if data.get("decision") in DECISIONS_NEEDING_REASON and not (data.get("reason") or "").strip():
            raise ValidationError({"reason": [_("Tell the seller why, when rejecting or asking for documents.")]})


@blp.route("")
class Sellers(MethodView):
    @blp.arguments(SellerRegistrationSchema)
    @blp.response(202, CodeRequestAcceptedSchema)
    def post(self, fields_):
        """Register as a seller: once the code mailed to the email confirms it, an account with the seller role.

        Answered like a customer's sign-up, the same whether or not the email or phone is taken; the
        registration (pending an admin's approval) is made by POST /api/accounts/verification. 422 for
        bad input, a registration that may not be submitted (age, business details) or a weak password.
        """
        sign_ups.request_seller_sign_up(fields_)
        return accepted(SIGN_UP_ACCEPTED)

    @requires(ADMIN)
    @blp.arguments(SellerQuerySchema, location="query")
    @blp.response(200, SellerSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Seller registrations, oldest first, so the queue of pending ones is reviewed in order."""
        return sellers.registrations(query.get("status"), pagination_parameters)


@blp.route("/<uuid:seller_id>")
class SellerById(MethodView):
    @requires()
    @blp.response(200, SellerSchema)
    def get(self, seller_id):
        """One registration: for admins, and for the seller themself."""
        if not viewer().sees_seller(str(seller_id)):
            raise sellers.seller_not_found()
        return sellers.registration(str(seller_id))


@blp.route("/<uuid:seller_id>/decision")
class SellerDecision(MethodView):
    @requires(ADMIN)
    @blp.arguments(DecisionSchema)
    @blp.response(200, SellerSchema)
    @blp.problem(409, "seller-already-decided, or certificate-missing: approval needs the business certificate.")
    def post(self, decision, seller_id):
        """Approve, reject or ask for more documents; the seller is told by email.

        Only undecided registrations can be decided (409 seller-already-decided), and a business is approved
        only once its certificate is uploaded (409 certificate-missing).
        """
        return sellers.decide_seller(
            str(seller_id), decision["decision"], decision["reason"], viewer().account_id, request_origin()
        )
