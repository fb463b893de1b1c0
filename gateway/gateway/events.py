"""Incoming events of the gateway: auth's word that an account's sessions end.

Auth's answer header ends them at once; these events end them even when this process died
before acting on that header. Both come to account_changes.
"""
import logging

from gateway.account_changes import end_sessions_signed_in_by
from servicekit.bus.handlers import EventHandlers

log = logging.getLogger(__name__)

handlers = EventHandlers("gateway")


@handlers.on("PasswordChanged")
def end_sessions_signed_in_with_the_old_password(uow, event, envelope):
    ended = end_sessions_signed_in_by(uow, event["account_id"], event["changed_at"], event["kept_session_id"])
    log.info("password %s: ended %d sessions of %s", event["via"], ended, event["account_id"])


@handlers.on("AccountDeactivated")
def end_sessions_of_deactivated_account(uow, event, envelope):
    ended = end_sessions_signed_in_by(uow, event["account_id"], event["deactivated_at"])
    log.info("account deactivated: ended %d sessions of %s", ended, event["account_id"])
