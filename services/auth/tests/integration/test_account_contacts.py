"""Other services hear how to reach each account and in which language (AccountContactsChanged): once when it is
made and once at each change of its name, email, phone, language, roles, seller or activity, each time with the
whole picture under a higher revision."""
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from auth.cli import main
from auth.models import Account
from contracts.jsonschema import validate_wire
from .customers import (
    NEW_PASSWORD,
    admin,
    as_owner,
    code_sent_to,
    events_of,
    post_signed_out,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email, new_phone
from .sellers import decide, registered_seller
from .test_create_admin_cli import auth_env  # noqa: F401  (a fixture)


def announced(runtime, account_id) -> list[dict]:
    """The AccountContactsChanged of the account, oldest first, each checked against its contract."""
    envelopes = events_of(runtime, "AccountContactsChanged", account_id)
    for envelope in envelopes:
        validate_wire(envelope)
    return [envelope["data"] for envelope in envelopes]


def picture(data: dict) -> tuple:
    return (data["revision"], data["name"], data["email"], data["phone"], data["language"], data["roles"],
            data["seller_id"], data["active"])


def update_me(client, sign_identity, account, **fields):
    response = client.patch("/api/accounts/me", json=fields, headers=as_owner(sign_identity, account))
    assert response.status_code == 200, response.json
    return response.json


def test_a_customer_sign_up_announces_the_new_account_once(auth_runtime, auth_client, sign_identity):
    email, phone = new_email(), new_phone()

    account = sign_up(auth_client, sign_identity, email=email, phone=phone)

    [made] = announced(auth_runtime, account["id"])
    assert picture(made) == (1, "Kim", email, phone, "ko", ["customer"], None, True)
    assert datetime.fromisoformat(made["changed_at"]) <= datetime.now(timezone.utc)


def test_a_seller_registration_announces_the_account_with_its_seller(auth_runtime, auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity, language="en")

    [made] = announced(auth_runtime, registered["id"])
    assert picture(made) == (1, "Park Jisoo", registered["email"], registered["phone"], "en", ["seller"],
                             registered["seller_id"], True)


def test_approving_a_seller_changes_no_contact_and_announces_nothing(auth_runtime, auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity, seller_type="individual", business_name=None,
                                   business_registration_number=None)

    assert decide(auth_client, admin(sign_identity), registered["seller_id"], "approve").status_code == 200

    assert len(announced(auth_runtime, registered["id"])) == 1


@pytest.mark.parametrize("command, role", [("create-admin", "admin"), ("create-agent", "agent")])
def test_an_account_an_operator_makes_is_announced(auth_env, auth_runtime, capsys, command, role):
    email = new_email()

    assert main([command, "--email", email, "--password", STRONG_PASSWORD, "--name", "Ops", "--language", "en"]) == 0

    [made] = announced(auth_runtime, capsys.readouterr().out.strip())
    assert picture(made) == (1, "Ops", email, None, "en", [role], None, True)


def test_each_change_of_the_profile_is_announced_with_the_whole_picture_under_a_higher_revision(
    auth_runtime, auth_client, sign_identity
):
    email, new, phone = new_email(), new_email(), new_phone()
    account = sign_up(auth_client, sign_identity, email=email)

    update_me(auth_client, sign_identity, account, name="Kim Minji")
    update_me(auth_client, sign_identity, account, language="en")
    update_me(auth_client, sign_identity, account, email=new, phone=phone, current_password=STRONG_PASSWORD)

    assert [picture(data) for data in announced(auth_runtime, account["id"])] == [
        (1, "Kim", email, None, "ko", ["customer"], None, True),
        (2, "Kim Minji", email, None, "ko", ["customer"], None, True),
        (3, "Kim Minji", email, None, "en", ["customer"], None, True),
        (4, "Kim Minji", new, phone, "en", ["customer"], None, True),
    ]


def test_a_change_to_what_the_account_already_has_announces_nothing(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    update_me(auth_client, sign_identity, account, name="Kim", language="ko", email=account["email"])

    assert len(announced(auth_runtime, account["id"])) == 1


def test_a_refused_change_announces_nothing(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    refused = auth_client.patch("/api/accounts/me", json={"name": "Mallory", "email": new_email(),
                                                          "current_password": "Wrong-Guess-1"},
                                headers=as_owner(sign_identity, account))

    assert refused.status_code == 403
    assert len(announced(auth_runtime, account["id"])) == 1


def test_deactivation_and_recovery_announce_the_account_inactive_then_active(auth_runtime, auth_client,
                                                                             sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    deactivated = auth_client.post("/api/accounts/me/deactivation", json={"password": STRONG_PASSWORD},
                                   headers=as_owner(sign_identity, account))
    assert deactivated.status_code == 204
    post_signed_out(auth_client, sign_identity, "/api/account-recoveries", login=email)
    recovered = post_signed_out(auth_client, sign_identity, "/api/account-recoveries/confirm", login=email,
                                code=code_sent_to(auth_runtime, email), new_password=NEW_PASSWORD)
    assert recovered.status_code == 204

    assert [(data["revision"], data["active"]) for data in announced(auth_runtime, account["id"])] == [
        (1, True), (2, False), (3, True)
    ]


def test_changes_of_one_account_at_once_each_get_their_own_revision_in_the_order_they_commit(
    auth_runtime, auth_app, sign_identity
):
    account = sign_up(auth_app.test_client(), sign_identity, email=new_email())
    names = [f"Name {n}" for n in range(8)]

    def rename(name):
        return update_me(auth_app.test_client(), sign_identity, account, name=name)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(rename, names))

    changes = announced(auth_runtime, account["id"])
    assert sorted(data["revision"] for data in changes) == list(range(1, 10))
    with auth_runtime.session_factory() as session:
        kept = session.get(Account, account["id"])
    newest = max(changes, key=lambda data: data["revision"])
    assert (newest["name"], newest["revision"]) == (kept.name, kept.contacts_revision)


def test_publish_contacts_announces_every_account_again_so_a_new_subscriber_can_be_filled(
    auth_env, auth_runtime, auth_client, sign_identity, capsys
):
    account = sign_up(auth_client, sign_identity, email=new_email(), language="en")
    # An account made before accounts were announced: it has never been.
    with auth_runtime.session_factory() as session:
        earlier = Account(id=str(uuid.uuid4()), email=new_email(), phone=None, name="Early",
                          password_hash="x", roles=["customer"], status="active",
                          password_changed_at=datetime.now(timezone.utc), created_at=datetime.now(timezone.utc))
        session.add(earlier)
        session.commit()
        earlier_id = earlier.id

    assert main(["publish-contacts"]) == 0
    assert main(["publish-contacts"]) == 0

    assert [picture(data) for data in announced(auth_runtime, account["id"])] == [
        (revision, "Kim", account["email"], None, "en", ["customer"], None, True) for revision in (1, 2, 3)
    ]
    assert [(data["revision"], data["name"], data["language"]) for data in announced(auth_runtime, earlier_id)] == [
        (1, "Early", "ko"), (2, "Early", "ko")
    ]
    assert "accounts announced" in capsys.readouterr().out
