"""/api/settlements/bank-account: where a seller's payouts go. Registering or changing it needs a second factor
proved in the last minutes; each change is audited, and a payout in the day after a change waits for an admin."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_recent_second_factor
from settlements import bank_accounts
from settlements.api import viewers
from settlements.domain.bank_accounts import BANKS, RECENT_CHANGE, masked_account_number

blp = Blueprint("bank_accounts", __name__, url_prefix="/api/settlements/bank-account",
                description="Sellers' payout bank accounts")


class NewBankAccountSchema(Schema):
    bank_code = fields.String(required=True, validate=validate.OneOf(sorted(BANKS)), metadata={
        "description": "The bank's three-digit code (004 KB국민은행, 088 신한은행, 090 카카오뱅크, ...)."})
    account_number = fields.String(required=True, validate=validate.Length(min=10, max=24), metadata={
        "description": "10 to 16 digits; hyphens and spaces are left out."})
    holder_name = fields.String(required=True, validate=validate.Length(min=1, max=100), metadata={
        "description": "As the bank knows it: the seller's registered business name or representative's name."})


class BankAccountSchema(Schema):
    bank_code = fields.String()
    bank_name = fields.String()
    account_number = fields.String(metadata={"description": "Its last four digits."})
    holder_name = fields.String()
    changed_at = fields.AwareDateTime()
    payouts_held_until = fields.AwareDateTime(metadata={
        "description": "Payouts made before this instant wait for an admin's review: the account just changed."})


class BankAccountChangeSchema(Schema):
    bank_code = fields.String()
    account_number = fields.String(attribute="account_number_masked")
    holder_name = fields.String()
    changed_by = fields.String()
    changed_at = fields.AwareDateTime()


def shown(account) -> dict:
    return {"bank_code": account.bank_code, "bank_name": BANKS[account.bank_code],
            "account_number": masked_account_number(account.account_number), "holder_name": account.holder_name,
            "changed_at": account.changed_at, "payouts_held_until": account.changed_at + RECENT_CHANGE}


class BanksSchema(Schema):
    code = fields.String()
    name = fields.String()


@blp.route("")
class BankAccount(MethodView):
    @requires("seller")
    @blp.response(200, BankAccountSchema)
    @blp.problem(404, "no-bank-account: none registered yet.")
    def get(self):
        """The seller's payout account, its number masked."""
        return shown(bank_accounts.registered_account(runtime(), viewers.own_seller_id()))

    @requires("seller")
    @requires_recent_second_factor
    @blp.arguments(NewBankAccountSchema)
    @blp.response(200, BankAccountSchema)
    @blp.problem(422, "holder-not-seller: the holder is neither the registered business name nor the representative's.")
    def put(self, body):
        """Register or change the payout account (a step-up: a second factor in the last five minutes)."""
        return shown(bank_accounts.register_bank_account(runtime(), viewers.account_holder(), body["bank_code"],
                                                         body["account_number"], body["holder_name"]))


@blp.route("/changes")
class BankAccountChanges(MethodView):
    @requires("seller")
    @blp.response(200, BankAccountChangeSchema(many=True))
    def get(self):
        """Every registration and change of the account, the newest first: who, when, which account."""
        return bank_accounts.account_changes(runtime(), viewers.own_seller_id())


@blp.route("/banks")
class Banks(MethodView):
    @requires("seller", "admin")
    @blp.response(200, BanksSchema(many=True))
    def get(self):
        """The banks a payout can go to."""
        return [{"code": code, "name": name} for code, name in sorted(BANKS.items())]
