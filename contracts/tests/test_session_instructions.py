"""The session headers auth writes are the ones the gateway reads."""
from contracts.session_instructions import parse_revocation, revoke_sessions


def test_a_revocation_reads_back_as_written():
    assert parse_revocation(revoke_sessions("a-1")) == ("a-1", False)
    assert parse_revocation(revoke_sessions("a-1", keep_current=True)) == ("a-1", True)


def test_a_revocation_with_an_unknown_option_or_no_account_is_not_read():
    assert parse_revocation("a-1; keep-everyone") is None
    assert parse_revocation("; keep-current") is None
