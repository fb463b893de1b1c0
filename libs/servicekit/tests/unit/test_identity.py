"""The internal identity token: only the gateway's key, unexpired, makes a caller known."""
import time

import jwt
import pytest
from flask import Flask

from servicekit.identity import (
    HEADER,
    LEEWAY_SECONDS,
    Identity,
    TokenSigner,
    TokenVerifier,
    generate_keypair,
    init_identity,
    requires,
)
from servicekit.problems import init_problems


@pytest.fixture
def keys(tmp_path):
    generate_keypair(tmp_path / "a.pem", tmp_path / "a.pub")
    generate_keypair(tmp_path / "b.pem", tmp_path / "b.pub")
    return tmp_path


@pytest.fixture
def app(keys):
    app = Flask("t")
    init_identity(app, TokenVerifier((keys / "a.pub").read_bytes()), ("/healthz",))

    @app.get("/orders")
    @requires("customer")
    def orders():
        return {"ok": True}

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    init_problems(app)
    return app.test_client()


def token(keys, name="a", **identity):
    return TokenSigner((keys / f"{name}.pem").read_bytes()).sign(Identity(**identity))


def test_request_without_token_is_refused_with_401_problem(app):
    response = app.get("/orders")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_operational_paths_need_no_token(app):
    assert app.get("/healthz").status_code == 200


def test_token_signed_by_another_key_is_refused(app, keys):
    response = app.get("/orders", headers={HEADER: token(keys, "b", subject="c1", roles=frozenset({"customer"}))})
    assert response.status_code == 401


def test_expired_token_is_refused(app, keys):
    signer = TokenSigner((keys / "a.pem").read_bytes(), ttl_seconds=-60)
    response = app.get("/orders", headers={HEADER: signer.sign(Identity(subject="c1", roles=frozenset({"customer"})))})
    assert response.status_code == 401


def test_caller_without_the_role_is_forbidden(app, keys):
    response = app.get("/orders", headers={HEADER: token(keys, subject="s1", roles=frozenset({"seller"}))})
    assert response.status_code == 403


def test_caller_with_the_role_gets_through(app, keys):
    response = app.get("/orders", headers={HEADER: token(keys, subject="c1", roles=frozenset({"customer"}))})
    assert response.status_code == 200


def test_anonymous_token_is_not_signed_in(app, keys):
    assert app.get("/orders", headers={HEADER: token(keys, subject=None)}).status_code == 401


def test_tokens_carry_identity_and_a_short_expiry(keys):
    raw = token(
        keys, subject="c1", roles=frozenset({"seller"}), seller_id="s-9", second_factor_at=1_700_000_000, session_id="x"
    )
    identity = TokenVerifier((keys / "a.pub").read_bytes()).verify(raw)
    assert identity == Identity("c1", frozenset({"seller"}), "s-9", 1_700_000_000, "x")
    assert identity.mfa
    claims = jwt.decode(raw, options={"verify_signature": False})
    assert claims["exp"] - time.time() <= 60


def test_a_token_carries_the_accounts_name_and_one_without_it_still_verifies(keys):
    signer, verifier = TokenSigner((keys / "a.pem").read_bytes()), TokenVerifier((keys / "a.pub").read_bytes())

    named = verifier.verify(signer.sign(Identity("c1", frozenset({"customer"}), name="김민지")))
    unnamed = verifier.verify(signer.sign(Identity("c1", frozenset({"customer"}))))

    assert named.name == "김민지"
    assert unnamed.name is None
    assert named == Identity("c1", frozenset({"customer"}), name="김민지")


def test_a_verified_identity_says_when_its_token_expires_for_what_lasts_only_as_long(keys):
    signer = TokenSigner((keys / "a.pem").read_bytes(), ttl_seconds=30)
    before = int(time.time())

    identity = TokenVerifier((keys / "a.pub").read_bytes()).verify(signer.sign(Identity("c1", frozenset({"customer"}))))

    assert before + 30 <= identity.expires_at <= int(time.time()) + 30
    assert identity == Identity("c1", frozenset({"customer"}))


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


def test_an_anonymous_token_verified_once_is_taken_at_its_word_while_it_lasts(keys, monkeypatch):
    verifier = TokenVerifier((keys / "a.pub").read_bytes())
    raw = token(keys, subject=None)
    decoded = []
    decode = jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda *args, **kwargs: decoded.append(1) or decode(*args, **kwargs))

    identities = [verifier.verify(raw) for _ in range(3)]

    assert len(decoded) == 1
    assert identities[0] == identities[2] == Identity(None)


def test_a_signed_in_callers_token_is_not_remembered(keys):
    """The gateway signs a new one for every request: remembering them would only fill memory."""
    verifier = TokenVerifier((keys / "a.pub").read_bytes())

    assert verifier.verify(token(keys, subject="c1", roles=frozenset({"customer"}))).subject == "c1"
    assert verifier._verified == {}


def test_a_remembered_token_is_refused_once_it_expires(keys):
    clock = Clock()
    verifier = TokenVerifier((keys / "a.pub").read_bytes(), clock=clock)
    raw = TokenSigner((keys / "a.pem").read_bytes(), ttl_seconds=60).sign(Identity(None))
    expires_at = verifier.verify(raw).expires_at

    clock.now = expires_at + LEEWAY_SECONDS - 0.5
    assert verifier.verify(raw).subject is None
    clock.now = expires_at + LEEWAY_SECONDS
    with pytest.raises(jwt.ExpiredSignatureError):
        verifier.verify(raw)


def test_a_token_refused_once_is_refused_again(keys):
    verifier = TokenVerifier((keys / "a.pub").read_bytes())
    forged = token(keys, "b", subject="c1")

    for _ in range(2):
        with pytest.raises(jwt.InvalidSignatureError):
            verifier.verify(forged)


def test_the_verifier_remembers_a_bounded_number_of_tokens(keys):
    clock = Clock()
    verifier = TokenVerifier((keys / "a.pub").read_bytes(), clock=clock, remembered=3)
    signer = TokenSigner((keys / "a.pem").read_bytes())

    for _ in range(10):
        verifier.verify(signer.sign(Identity(None)))

    assert 0 < len(verifier._verified) <= 3
