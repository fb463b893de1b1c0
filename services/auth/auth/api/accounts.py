"""/api/accounts: sign-ups are confirmed with a code; a signed-in user reads, changes or deactivates their account."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from auth import credentials, deactivation, profiles, sign_ups
from auth.api.fields import ChosenLanguage, Email, Language, MobilePhone, Password, PersonName
from auth.api.password_resets import CodeRequestAcceptedSchema, LoginCodeSchema, accepted
from auth.api.sessions import SESSIONS_ENDED_DOC, SESSIONS_RENAMED_DOC, sessions_ended, sessions_renamed
from auth.api.viewers import request_origin, viewer
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.languages import _

blp = Blueprint("accounts", __name__, url_prefix="/api/accounts", description="Sign-up and own accounts")

# The one answer to every sign-up that validates, customer's or seller's, whether its contact is free or taken.
SIGN_UP_ACCEPTED = _("If this contact can be used, a code is on its way to it. "
                     "Confirm with POST /api/accounts/verification to finish signing up.")


def CurrentPassword(**kwargs) -> fields.String:
    return fields.String(load_only=True, validate=validate.Length(max=1024), **kwargs)


class AccountSchema(Schema):
    id = fields.String(dump_only=True)
    email = Email(load_default=None)
    phone = MobilePhone(load_default=None)
    name = PersonName(required=True)
    password = Password(required=True)
    language = ChosenLanguage()
    roles = fields.List(fields.String(), dump_only=True)
    status = fields.String(dump_only=True)
    password_changed_at = fields.AwareDateTime(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)

    @validates_schema
    def _email_or_phone(self, data, **kwargs):
        if not data.get("email") and not data.get("phone"):
            message = _("Give an email address or a mobile number to sign in with.")
            raise ValidationError({"email": [message], "phone": [message]})


class SignedUpAccountSchema(AccountSchema):
    seller_id = fields.String(
        dump_only=True, allow_none=True,
        metadata={"description": "The seller registration, pending review, made with the account; null for customers."},
    )


class OwnAccountSchema(AccountSchema):
    second_factors = fields.List(
        fields.String(), dump_only=True, metadata={"description": "The second factors enrolled; empty without 2FA."}
    )
    password_change_recommended = fields.Boolean(
        dump_only=True, metadata={"description": "The password is old: remind the owner to change it."}
    )


class AccountUpdateSchema(Schema):
    name = PersonName()
    email = Email()
    phone = MobilePhone()
    language = Language()
    current_password = CurrentPassword(
        metadata={"description": "Needed to change the email or phone, not the name."}
    )


class PasswordChangeSchema(Schema):
    current_password = CurrentPassword(required=True)
    new_password = Password(required=True)


class DeactivationSchema(Schema):
    password = CurrentPassword(required=True)


@blp.route("")
class Accounts(MethodView):
    @blp.arguments(AccountSchema)
    @blp.response(202, CodeRequestAcceptedSchema)
    def post(self, fields_):
        """Sign up as a customer with an email or a mobile number, and a password; a code confirms it.

        The answer is the same whether or not an account has the email or phone: a free one gets a code
        (by email, or by SMS when there is no email) for POST /api/accounts/verification; the owner of a
        taken one is told that someone tried. 422 for bad input, or a weak password naming its failed rules.
        """
        sign_ups.request_customer_sign_up(fields_)
        return accepted(SIGN_UP_ACCEPTED)


@blp.route("/verification")
class SignUpVerification(MethodView):
    @blp.arguments(LoginCodeSchema)
    @blp.response(201, SignedUpAccountSchema)
    @blp.problem(400, "verification-code-invalid: the code is wrong, used or expired.")
    def post(self, verification):
        """Finish a customer's or a seller's sign-up with the code sent to `login`: the account is made now.

        400 verification-code-invalid, the same every time, for a wrong, used or expired code, a contact with
        no sign-up, or one another account took meanwhile; after a few wrong tries the code is spent.
        """
        return sign_ups.confirm_sign_up(verification["login"], verification["code"], request_origin())


@blp.route("/me")
class OwnAccount(MethodView):
    @requires()
    @blp.response(200, OwnAccountSchema)
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    def get(self):
        """The signed-in user's own account, with their second factors and whether their password is old."""
        return profiles.profile(viewer().account_id)

    @requires()
    @blp.arguments(AccountUpdateSchema)
    @blp.response(200, OwnAccountSchema, headers=SESSIONS_RENAMED_DOC)
    @blp.problem(403, "wrong-password, account-locked, or step-up-required.")
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    @blp.problem(409, "account-exists: another account has this email or phone.")
    def patch(self, fields_):
        """Change the name, language, email or phone.

        A new email or phone needs the current password (403 wrong-password otherwise), and a step-up
        when the account has a second factor (403 step-up-required); the contacts it replaces are told.
        409 account-exists when another account has it.
        """
        profile = profiles.update_profile(viewer(), fields_, request_origin())
        return profile, sessions_renamed(profile.id, profile.name) if "name" in fields_ else {}


@blp.route("/me/password")
class OwnPassword(MethodView):
    @requires()
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204, headers=SESSIONS_ENDED_DOC)
    @blp.problem(403, "wrong-password, or account-locked.")
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    def post(self, change):
        """Change the password; every other session of the account ends.

        The current password must match (403 wrong-password otherwise, counted towards the lock); the new
        one must pass the policy (422 naming the failed rules) and differ from it.
        """
        asking = viewer()
        credentials.change_password(asking, change["current_password"], change["new_password"], request_origin())
        return None, sessions_ended(asking.account_id, keep_current=True)


@blp.route("/me/deactivation")
class OwnDeactivation(MethodView):
    @requires()
    @blp.arguments(DeactivationSchema)
    @blp.response(204, headers=SESSIONS_ENDED_DOC)
    @blp.problem(403, "wrong-password, account-locked, or step-up-required.")
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    @blp.problem(409, "account-not-active: it is deactivated already.")
    def post(self, confirmation):
        """Deactivate the account; every session ends.

        Needs the password, and a step-up when the account has a second factor. The account comes back
        only through /api/account-recoveries.
        """
        asking = viewer()
        deactivation.deactivate_account(asking, confirmation["password"], request_origin())
        return None, sessions_ended(asking.account_id)
