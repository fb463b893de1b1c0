"""Where the account is signed in (/account/sessions): each browser's sessions, signing one out or all the others."""
from __future__ import annotations

from flask import Blueprint, render_template

from web.public_api import public_api
from web.viewers import required_viewer

blp = Blueprint("account_sessions", __name__)


@blp.get("/account/sessions")
def sessions():
    required_viewer()
    devices = public_api().get("/api/session/devices").body
    others = [device["id"] for device in devices if not device.get("current")]
    return render_template("account/sessions.html", devices=devices, others=others)
