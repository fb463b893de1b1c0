"""/api/accounts: customers sign up; a signed-in user reads their own account."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validates_schema

from auth import services
from auth.api.fields import Email, MobilePhone, Password, PersonName
from auth.models import Account
from servicekit.app import unit_of_work
from servicekit.identity import current_identity, requires
from servicekit.problems import Problem

blp = Blueprint("accounts", __name__, url_prefix="/api/accounts", description="Customer accounts")


class AccountSchema(Schema):
    id = fields.String(dump_only=True)
    email = Email(load_default=None)
    phone = MobilePhone(load_default=None)
    name = PersonName(required=True)
    password = Password(required=True)
    roles = fields.List(fields.String(), dump_only=True)
    status = fields.String(dump_only=True)
    password_changed_at = fields.AwareDateTime(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)

    @validates_schema
    def _email_or_phone(self, data, **kwargs):
        if not data.get("email") and not data.get("phone"):
            message = "Give an email address or a mobile number to sign in with."
            raise ValidationError({"email": [message], "phone": [message]})


@blp.route("")
class Accounts(MethodView):
    @blp.arguments(AccountSchema)
    @blp.response(201, AccountSchema)
    def post(self, fields_):
        """Sign up as a customer with an email or a mobile number, and a password."""
        with unit_of_work() as uow:
            return services.sign_up_customer(uow, fields_)


@blp.route("/me")
class OwnAccount(MethodView):
    @requires()
    @blp.response(200, AccountSchema)
    def get(self):
        """The signed-in user's own account."""
        with unit_of_work() as uow:
            account = uow.session.get(Account, current_identity().subject)
            if account is None:
                raise Problem(404, "account-not-found", "Not Found", "This account no longer exists.")
            return account
