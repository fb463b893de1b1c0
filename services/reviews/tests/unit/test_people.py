"""Who sees a review (a visible one everybody, a hidden one only its author and admins), and the name it keeps."""
from reviews.domain.people import MAX_NAME, Reader, Reviewer
from reviews.domain.review_rules import HIDDEN, VISIBLE


def test_a_hidden_review_is_seen_by_its_author_and_admins_only():
    author, admin, stranger, anonymous = Reader("a-1"), Reader("a-9", is_admin=True), Reader("a-2"), Reader()

    assert [reader.sees(HIDDEN, "a-1") for reader in (author, admin, stranger, anonymous)] == [True, True, False, False]
    assert all(reader.sees(VISIBLE, "a-1") for reader in (author, admin, stranger, anonymous))
    assert author.wrote("a-1") and not anonymous.wrote("a-1")


def test_a_reviewer_name_longer_than_a_review_keeps_is_cut_to_fit():
    assert Reviewer("a-1", "김" * (MAX_NAME + 1)).name == "김" * MAX_NAME
