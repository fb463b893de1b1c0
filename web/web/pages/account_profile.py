"""A person's own account (/account): the profile (name, email, phone, language), the password, deactivation."""
from __future__ import annotations

from flask import Blueprint, render_template

from web.languages import LANGUAGE_NAMES
from web.public_api import public_api
from web.viewers import required_viewer

blp = Blueprint("account_profile", __name__)


@blp.get("/account")
def profile():
    required_viewer()
    account = public_api().get("/api/accounts/me").body
    return render_template("account/profile.html", account=account, languages=list(LANGUAGE_NAMES.items()),
                           methods=account.get("second_factors") or [])
