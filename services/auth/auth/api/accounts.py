"""/api/accounts: customers sign up; a signed-in user reads and changes their own account, or deactivates it."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from auth import credentials, deactivation, services
from auth.api.context import request_origin, request_settings
from auth.api.fields import Email, MobilePhone, Password, PersonName
from auth.api.sessions import SESSIONS_ENDED_DOC, sessions_ended
from auth.second_factors import enrolled_methods
from servicekit.app import unit_of_work
from servicekit.db import UnitOfWork
from servicekit.identity import current_identity, requires, requires_recent_second_factor

blp = Blueprint("accounts", __name__, url_prefix="/api/accounts", description="Customer accounts")


def CurrentPassword(**kwargs) -> fields.String:
    return fields.String(load_only=True, validate=validate.Length(max=1024), **kwargs)


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


class OwnAccountSchema(AccountSchema):
    second_factors = fields.List(
        fields.String(), dump_only=True, metadata={"description": "The second factors enrolled; empty without 2FA."}
    )
    password_change_recommended = fields.Boolean(
        dump_only=True, metadata={"description": "The password is old: remind the owner to change it (A6)."}
    )


class AccountUpdateSchema(Schema):
    name = PersonName()
    email = Email()
    phone = MobilePhone()
    current_password = CurrentPassword(
        metadata={"description": "Needed to change the email or phone, not the name."}
    )


class PasswordChangeSchema(Schema):
    current_password = CurrentPassword(required=True)
    new_password = Password(required=True)


class DeactivationSchema(Schema):
    password = CurrentPassword(required=True)


def _step_up_when_enrolled(uow: UnitOfWork, account_id: str) -> None:
    """An account with a second factor proves it again (a step-up) before a change that could hand it to another."""
    if enrolled_methods(uow.session, account_id):
        # servicekit's step-up check, applied only when there is a factor to step up with.
        requires_recent_second_factor(lambda: None)()


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
    @blp.response(200, OwnAccountSchema)
    def get(self):
        """The signed-in user's own account, with their second factors and whether their password is old."""
        with unit_of_work() as uow:
            account = services.find_account(uow, current_identity().subject)
            return services.own_account(uow, request_settings(), account)

    @requires()
    @blp.arguments(AccountUpdateSchema)
    @blp.response(200, OwnAccountSchema)
    def patch(self, fields_):
        """Change the name, email or phone.

        A new email or phone needs the current password (403 wrong-password otherwise), and a step-up
        when the account has a second factor (403 step-up-required); the contacts it replaces are told.
        409 account-exists when another account has it.
        """
        with unit_of_work() as uow:
            account = services.find_account(uow, current_identity().subject)
            if credentials.contacts_changing(account, fields_):
                _step_up_when_enrolled(uow, account.id)
            account = credentials.update_account(uow, request_settings(), account.id, fields_, request_origin())
            return services.own_account(uow, request_settings(), account)


@blp.route("/me/password")
class OwnPassword(MethodView):
    @requires()
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204, headers=SESSIONS_ENDED_DOC)
    def post(self, change):
        """Change the password (A6); every other session of the account ends.

        The current password must match (403 wrong-password otherwise, counted towards the lock); the new
        one must pass the policy (422 naming the failed rules) and differ from it.
        """
        account_id = current_identity().subject
        with unit_of_work() as uow:
            credentials.change_password(
                uow, request_settings(), account_id, change["current_password"], change["new_password"],
                request_origin(),
            )
        return None, sessions_ended(account_id, keep_current=True)


@blp.route("/me/deactivation")
class OwnDeactivation(MethodView):
    @requires()
    @blp.arguments(DeactivationSchema)
    @blp.response(204, headers=SESSIONS_ENDED_DOC)
    def post(self, confirmation):
        """Deactivate the account (A7); every session ends.

        Needs the password, and a step-up when the account has a second factor. The account comes back
        only through /api/account-recoveries.
        """
        account_id = current_identity().subject
        with unit_of_work() as uow:
            _step_up_when_enrolled(uow, account_id)
            deactivation.deactivate_account(
                uow, request_settings(), account_id, confirmation["password"], request_origin()
            )
        return None, sessions_ended(account_id)
