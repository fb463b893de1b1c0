"""Identity tokens: shared identities reuse a fresh token; signed-in callers get their own."""
import pytest

from gateway.identity_tokens import IdentityTokens
from servicekit.identity import ANONYMOUS, Identity, TokenSigner, TokenVerifier


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def tokens(identity_keys, clock):
    return IdentityTokens(TokenSigner((identity_keys / "identity-private.pem").read_bytes()), clock=clock)


def test_anonymous_token_is_reused_while_more_than_20_seconds_remain(tokens, clock):
    first = tokens.shared(ANONYMOUS)
    clock.now += 39

    assert tokens.shared(ANONYMOUS) == first


def test_anonymous_token_is_re_signed_when_20_seconds_or_less_remain(tokens, clock):
    first = tokens.shared(ANONYMOUS)
    clock.now += 40

    assert tokens.shared(ANONYMOUS) != first


def test_each_identity_has_its_own_shared_token(tokens, identity_keys):
    gateway = Identity("gateway", frozenset({"gateway"}))
    verifier = TokenVerifier((identity_keys / "identity-public.pem").read_bytes())

    assert verifier.verify(tokens.shared(gateway)) == gateway
    assert verifier.verify(tokens.shared(ANONYMOUS)) == ANONYMOUS


def test_a_signed_in_caller_gets_a_fresh_token_each_time(tokens):
    identity = Identity("account-1", frozenset({"customer"}), session_id="s1")

    assert tokens.for_session(identity) != tokens.for_session(identity)
