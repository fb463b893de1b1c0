"""Finding the password (/password-reset) and bringing back a deactivated or locked account (/account-recovery):
a code to the email or phone the account signs in with, then a new password."""
from __future__ import annotations

from flask import Blueprint, render_template, request

blp = Blueprint("password_reset", __name__)

# Each way back: the API it asks, and where the code's step is.
KINDS = {
    "password-reset": "/api/password-resets",
    "account-recovery": "/api/account-recoveries",
}


@blp.get("/password-reset")
def password_reset():
    return render_template("account/code_request.html", kind="password-reset", api=KINDS["password-reset"])


@blp.get("/account-recovery")
def account_recovery():
    return render_template("account/code_request.html", kind="account-recovery", api=KINDS["account-recovery"])


@blp.get("/password-reset/confirm")
def password_reset_code():
    return render_template("account/code_confirm.html", kind="password-reset", api=KINDS["password-reset"],
                           login=request.args.get("login", ""))


@blp.get("/account-recovery/confirm")
def account_recovery_code():
    return render_template("account/code_confirm.html", kind="account-recovery", api=KINDS["account-recovery"],
                           login=request.args.get("login", ""))
