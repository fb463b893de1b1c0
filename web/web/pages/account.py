"""Signing in (with the second-factor step), signing up, the language choice, and the account's own pages."""
from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, render_template, request

from web.languages import LANGUAGE_COOKIE_SECONDS, LANGUAGES
from web.public_api import ApiProblem, public_api
from web.viewers import current_viewer

blp = Blueprint("account", __name__)


def local_next(default: str = "") -> str:
    """Where to go after this step: a path on this site only, never another site (an open redirect)."""
    wanted = request.values.get("next", "")
    return wanted if wanted.startswith("/") and not wanted.startswith("//") and "\\" not in wanted else default


@blp.get("/login")
def login():
    viewer = current_viewer()
    if viewer is not None:
        return redirect(local_next(viewer.home))
    return render_template("account/login.html", next=local_next())


@blp.get("/login/second-factor")
def second_factor():
    """The second step of signing in: the authenticator's code, a security key, or a recovery code."""
    methods = [m for m in request.args.get("methods", "totp").split(",") if m]
    return render_template("account/second_factor.html", next=local_next(), methods=methods)


@blp.get("/signed-in")
def signed_in():
    """After the API signed the browser in: the account's language becomes the page language, then onwards."""
    viewer = current_viewer()
    if viewer is None:
        return redirect("/login")
    response = redirect(local_next(viewer.home))
    account = public_api().get("/api/accounts/me").body
    if account.get("language") in LANGUAGES:
        _remember_language(response, account["language"])
    return response


@blp.post("/language")
def choose_language():
    """The language switch: kept in a cookie, and in the account when someone is signed in."""
    language = request.form.get("language", "")
    response = redirect(local_next("/"))
    if language not in LANGUAGES:
        return response
    viewer = current_viewer()
    if viewer is not None:
        try:
            public_api().call("PATCH", "/api/accounts/me", body={"language": language},
                              headers={"X-CSRF-Token": viewer.csrf_token})
        except ApiProblem:
            current_app.logger.warning("the account's language was not saved; the cookie keeps it")
    _remember_language(response, language)
    return response


def _remember_language(response, language: str) -> None:
    settings = current_app.extensions["web_settings"]
    response.set_cookie(settings.language_cookie, language, max_age=LANGUAGE_COOKIE_SECONDS, path="/",
                        secure=settings.cookies_secure, httponly=True, samesite="Lax")
    g.language = language
