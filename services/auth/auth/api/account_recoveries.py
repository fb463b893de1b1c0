"""/api/account-recoveries: a deactivated or locked account comes back with a code and a new password (A7)."""
from flask.views import MethodView

from auth import deactivation
from auth.api.password_resets import (
    CODE_REQUEST_ACCEPTED,
    accepted,
    CodeConfirmationSchema,
    CodeRequestAcceptedSchema,
    CodeRequestSchema,
)
from auth.api.sessions import SESSIONS_ENDED_DOC, sessions_ended
from auth.api.viewers import request_origin
from servicekit.blueprints import Blueprint

blp = Blueprint(
    "account_recoveries",
    __name__,
    url_prefix="/api/account-recoveries",
    description="Recovery of deactivated or locked accounts",
)


@blp.route("")
class AccountRecoveries(MethodView):
    @blp.arguments(CodeRequestSchema)
    @blp.response(202, CodeRequestAcceptedSchema)
    def post(self, recovery):
        """Ask for a recovery code, sent only when the account is deactivated or locked; the answer never says."""
        deactivation.request_recovery(recovery["login"], request_origin())
        return accepted(CODE_REQUEST_ACCEPTED)


@blp.route("/confirm")
class AccountRecoveryConfirmation(MethodView):
    @blp.arguments(CodeConfirmationSchema)
    @blp.response(204, headers=SESSIONS_ENDED_DOC)
    @blp.problem(400, "recovery-code-invalid: the code is wrong, used or expired.")
    def post(self, confirmation):
        """Reactivate and unlock the account with the code and a new password; every earlier session ends.

        400 recovery-code-invalid for any wrong, used or expired code (or unknown login); 422 naming the
        failed rules for a weak password, checked before the code is spent.
        """
        account_id = deactivation.confirm_recovery(
            confirmation["login"], confirmation["code"], confirmation["new_password"], request_origin()
        )
        return None, sessions_ended(account_id)
