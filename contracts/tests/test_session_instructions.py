"""The session headers auth writes are the ones the gateway reads."""
from contracts.session_instructions import parse_rename, parse_revocation, rename_sessions, revoke_sessions


def test_a_revocation_reads_back_as_written():
    assert parse_revocation(revoke_sessions("a-1")) == ("a-1", False)
    assert parse_revocation(revoke_sessions("a-1", keep_current=True)) == ("a-1", True)


def test_a_revocation_with_an_unknown_option_or_no_account_is_not_read():
    assert parse_revocation("a-1; keep-everyone") is None
    assert parse_revocation("; keep-current") is None


def test_a_new_name_reads_back_as_written_whatever_letters_it_holds():
    for name in ("김민지", "Kim; Minji", "100% Kim", " Lee  Jiwoo "):
        value = rename_sessions("a-1", name)
        value.encode("ascii")
        assert parse_rename(value) == ("a-1", name)


def test_a_new_name_without_an_account_blank_or_unreadable_is_not_read():
    assert parse_rename(rename_sessions("", "김민지")) is None
    assert parse_rename("a-1") is None
    assert parse_rename(rename_sessions("a-1", "  ")) is None
    assert parse_rename(rename_sessions("a-1", "Kim\x00")) is None
    assert parse_rename(rename_sessions("a-1", "x" * 201)) is None
    assert parse_rename("a-1; %ff%fe") is None
