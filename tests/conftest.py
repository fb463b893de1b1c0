"""The running platform and the people who use it, shared by the e2e and security suites.

Cross-service tests import the platform layout and client from deploy/ at the repository root.
"""
import random
import re
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.client import GatewayClient  # noqa: E402
from deploy.launcher import Platform  # noqa: E402

PASSWORD = "Blue-Harbor-42!"
# Short enough that a test sees a lock lifted, long enough to see it hold.
LOCK_SECONDS = 3
# Long enough to read the mail and use the code, short enough to watch one expire.
RESET_CODE_SECONDS = 8


@pytest.fixture(scope="session")
def platform(infrastructure, identity_keys, tmp_path_factory, smtp_mailbox, sms_inbox):
    running = Platform(
        infrastructure,
        identity_keys,
        tmp_path_factory.mktemp("platform"),
        extra_env={
            "NOTIFY_EMAIL_URL": smtp_mailbox.url,
            "NOTIFY_SMS_URL": sms_inbox.url,
            "AUTH_LOCK_SECONDS": str(LOCK_SECONDS),
            "AUTH_RESET_CODE_LIFETIME_SECONDS": str(RESET_CODE_SECONDS),
            # argon2's cheapest parameters (auth.domain.passwords): hashing would otherwise be much of the run.
            "AUTH_PASSWORD_HASHING": "cheapest",
        },
    )
    running.lock_seconds, running.reset_code_seconds = LOCK_SECONDS, RESET_CODE_SECONDS
    try:
        running.start()
        yield running
    finally:
        running.stop()


# A generator of its own: inside a Hypothesis test the global one is reseeded and repeats itself.
_ADDRESSES = random.Random()


def new_ip() -> str:
    """A client address of its own, so one test's requests never count against another's rate limits."""
    return f"10.{_ADDRESSES.randrange(256)}.{_ADDRESSES.randrange(256)}.{_ADDRESSES.randrange(1, 255)}"


def client_of(platform) -> GatewayClient:
    return GatewayClient(platform.gateway_url, ip=new_ip())


def new_email(kind: str = "user") -> str:
    return f"{kind}-{uuid.uuid4().hex[:10]}@example.com"


def new_phone() -> str:
    return f"010{uuid.uuid4().int % 10**8:08d}"


@pytest.fixture(scope="session")
def admin(platform):
    email = new_email("admin")
    created = platform.run_cli("-m", "auth.cli", "create-admin", "--email", email, "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    client = client_of(platform)
    assert client.login(email, PASSWORD).status_code == 201
    return client


# Not \b: in Korean text a code is followed by a syllable ("123456입니다"), a word character.
_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def code_in(text: str) -> str:
    found = _CODE.search(text)
    assert found, f"no six-digit code in: {text!r}"
    return found.group(1)


def mailed_code(mailbox, to: str, contains: str) -> str:
    """The code in the newest mail to `to` that mentions `contains` (waits for the auth worker to send it)."""
    return code_in(mailbox.wait_for_message(to, contains=contains).get_content())


def verify_sign_up(client: GatewayClient, mailbox, email: str) -> dict:
    """Confirm a sign-up with the code mailed to it; returns the new account."""
    code = mailed_code(mailbox, email, "회원가입 인증번호")
    verified = client.post("/api/accounts/verification", json={"login": email, "code": code})
    assert verified.status_code == 201, verified.text
    return verified.json()


@pytest.fixture
def new_address():
    """Makes client addresses, for requests that must not count against one another's rate limits."""
    return new_ip


@pytest.fixture
def new_client(platform):
    """A client with an address of its own, not signed in."""
    return lambda: client_of(platform)


@pytest.fixture
def new_customer(platform, smtp_mailbox):
    """A customer who signed up, confirmed their email with the mailed code, and signed in."""

    def make() -> GatewayClient:
        email = new_email("buyer")
        client = client_of(platform)
        response = client.post("/api/accounts", json={"email": email, "name": "Kim Minji", "password": PASSWORD})
        assert response.status_code == 202, response.text
        client.account_id = verify_sign_up(client, smtp_mailbox, email)["id"]
        assert client.login(email, PASSWORD).status_code == 201
        client.email, client.password = email, PASSWORD
        return client

    return make


@pytest.fixture
def new_seller(platform, admin, smtp_mailbox):
    """An approved seller, signed in, with an authenticator app enrolled (sellers need 2FA to sell)."""

    def make(*, with_second_factor: bool = True) -> GatewayClient:
        email = new_email("seller")
        client = client_of(platform)
        registered = client.post(
            "/api/sellers",
            json={
                "email": email,
                "phone": new_phone(),
                "password": PASSWORD,
                "name": "Park Jisoo",
                "birth_date": "1990-04-01",
                "seller_type": "individual",
            },
        )
        assert registered.status_code == 202, registered.text
        account = verify_sign_up(client, smtp_mailbox, email)
        client.account_id, client.seller_id = account["id"], account["seller_id"]
        decided = admin.post(f"/api/sellers/{client.seller_id}/decision", json={"decision": "approve"})
        assert decided.status_code == 200, decided.text
        assert client.login(email, PASSWORD).status_code == 201
        client.email, client.password = email, PASSWORD
        if with_second_factor:
            client.authenticator = client.enrol_authenticator()
        return client

    return make


@pytest.fixture(scope="session")
def staff_admin(platform):
    """An admin signed in with an authenticator, as managing support staff needs."""
    email = new_email("admin")
    created = platform.run_cli("-m", "auth.cli", "create-admin", "--email", email, "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    client = client_of(platform)
    assert client.login(email, PASSWORD).status_code == 201
    client.authenticator = client.enrol_authenticator()
    return client


@pytest.fixture
def new_agent(platform, staff_admin):
    """A platform support agent (made with the CLI, put on a team by an admin), signed in with an authenticator."""

    def make(team: str = "platform") -> GatewayClient:
        email = new_email("agent")
        created = platform.run_cli("-m", "auth.cli", "create-agent", "--email", email, "--password", PASSWORD)
        assert created.returncode == 0, created.stderr
        client = client_of(platform)
        assert client.login(email, PASSWORD).status_code == 201
        client.authenticator = client.enrol_authenticator()
        client.account_id = created.stdout.strip()
        registered = staff_admin.put(
            f"/api/support-agents/{client.account_id}", json={"team": team, "max_open_cases": 20, "available": True}
        )
        assert registered.status_code in (200, 201), registered.text
        return client

    return make


@pytest.fixture
def mail_code(smtp_mailbox):
    """Wait for the mail to `to` that mentions `contains`, and return the code in it."""
    return lambda to, contains: mailed_code(smtp_mailbox, to, contains)
