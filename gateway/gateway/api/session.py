"""/api/session: sign in, see who is signed in, sign out."""
from flask import g, make_response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from gateway.authentication import LoginFailed, authenticate
from gateway.browser_sessions import current_session, forget_session_cookie, session_cookie_token, set_session_cookie
from gateway.extension import extension
from gateway.sessions import open_session, revoke_session, session_id_of
from servicekit.app import unit_of_work
from servicekit.problems import Problem

blp = Blueprint("session", __name__, url_prefix="/api/session", description="The browser's signed-in session")


class LoginSchema(Schema):
    login = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))


class SessionSchema(Schema):
    account_id = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    seller_id = fields.String(allow_none=True)
    csrf_token = fields.String(
        metadata={"description": "Send it back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE."}
    )
    expires_at = fields.AwareDateTime(
        metadata={"description": "When the session ends unless used again; each use extends it, up to 12 hours."}
    )


@blp.route("")
class CurrentSession(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(201, SessionSchema)
    @blp.alt_response(401, description="The login or password is wrong.")
    def post(self, credentials):
        """Sign in: a new session and its cookie; any session the browser had is ended."""
        ext = extension()
        try:
            account = authenticate(
                ext.upstreams, ext.tokens, credentials["login"], credentials["password"], g.request_id
            )
        except LoginFailed:
            raise Problem(401, "login-failed", "Unauthorized", "The id or password is wrong.") from None
        old_token = session_cookie_token()
        with unit_of_work() as uow:
            # A fresh id on every login, so a session id planted before login is worth nothing after it.
            if old_token:
                revoke_session(uow.session, session_id_of(old_token))
            user_session, token = open_session(uow.session, account, request.user_agent.string, request.remote_addr)
            uow.session.commit()
        response = make_response(SessionSchema().dump(user_session), 201)
        set_session_cookie(response, token, user_session)
        return response

    @blp.response(200, SessionSchema)
    @blp.alt_response(401, description="Not signed in.")
    def get(self):
        """The current session."""
        user_session = current_session()
        if user_session is None:
            raise Problem(401, "unauthenticated", "Unauthorized", "Sign in first.")
        return user_session

    @blp.response(204)
    def delete(self):
        """Sign out: the session is revoked and its cookie cleared."""
        user_session = current_session()
        if user_session is not None:
            with unit_of_work() as uow:
                revoke_session(uow.session, user_session.id)
                uow.session.commit()
        response = make_response("", 204)
        forget_session_cookie(response)
        return response
