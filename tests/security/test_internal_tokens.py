"""Going around the gateway: services refuse calls without a valid, fresh identity token from it."""
import base64
import json
import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from servicekit.identity import AUDIENCE, HEADER, ISSUER, Identity, TokenSigner

SERVICES = ("auth", "catalog", "orders", "notifications")
# A path of each that needs a signed-in caller; the others are asked for /api/orders, which a service refuses
# without a token before it looks for the path.
GUARDED_PATHS = {"auth": "/api/accounts/me", "notifications": "/api/notifications"}


def service_url(platform, name, path):
    return f"http://127.0.0.1:{platform.ports[name]}{path}"


def claims(subject, roles, **extra):
    now = int(time.time())
    return {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 60, "sub": subject, "roles": roles,
            "seller_id": None, "mfa_at": None, "sid": None, **extra}


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_reached_without_the_gateway_token_refuses(platform, service):
    answer = requests.get(service_url(platform, service, GUARDED_PATHS.get(service, "/api/orders")))

    assert answer.status_code == 401
    assert answer.json()["type"].endswith("unauthenticated")


def test_an_expired_gateway_token_is_refused(platform, identity_keys, new_customer):
    customer = new_customer()
    key = serialization.load_pem_private_key((identity_keys / "identity-private.pem").read_bytes(), password=None)
    long_ago = int(time.time()) - 3600
    token = jwt.encode(
        claims(customer.account_id, ["customer"], iat=long_ago, exp=long_ago + 60), key, algorithm="EdDSA"
    )

    answer = requests.get(service_url(platform, "auth", "/api/accounts/me"), headers={HEADER: token})

    assert answer.status_code == 401


def test_a_tampered_gateway_token_is_refused(platform, identity_keys, new_customer):
    customer = new_customer()
    signer = TokenSigner((identity_keys / "identity-private.pem").read_bytes())
    genuine = signer.sign(Identity(subject=customer.account_id, roles=frozenset({"customer"})))
    header, payload, signature = genuine.split(".")
    # The same claims, but promoted to admin, under the original signature.
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims(customer.account_id, ["admin"])).encode())
    forged_payload = forged_payload.decode().rstrip("=")

    answer = requests.get(
        service_url(platform, "auth", "/api/sellers"), headers={HEADER: f"{header}.{forged_payload}.{signature}"}
    )

    assert answer.status_code == 401


def test_a_token_signed_with_another_key_is_refused(platform):
    stranger_key = Ed25519PrivateKey.generate()
    token = jwt.encode(claims("someone", ["admin"]), stranger_key, algorithm="EdDSA")

    answer = requests.get(service_url(platform, "auth", "/api/sellers"), headers={HEADER: token})

    assert answer.status_code == 401


def test_internal_endpoints_refuse_a_customers_token(platform, identity_keys, new_customer):
    customer = new_customer()
    signer = TokenSigner((identity_keys / "identity-private.pem").read_bytes())
    token = signer.sign(Identity(subject=customer.account_id, roles=frozenset({"customer"})))

    answer = requests.post(
        service_url(platform, "auth", "/internal/second-factor-verifications"),
        json={"account_id": customer.account_id, "method": "totp", "code": "000000"},
        headers={HEADER: token},
    )

    assert answer.status_code == 403
