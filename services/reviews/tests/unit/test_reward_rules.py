"""Which reward a review earns: nothing for a short text, points for a long one, the most with photos."""
from reviews.domain.rewards import (
    PHOTO,
    PHOTO_REWARD_POINTS,
    TEXT,
    TEXT_REWARD_MIN_LENGTH,
    TEXT_REWARD_POINTS,
    Reward,
    reward_for,
)


def test_a_short_text_earns_nothing():
    assert reward_for("좋아요" * 3, photo_count=0) is None
    assert reward_for("가" * (TEXT_REWARD_MIN_LENGTH - 1), photo_count=0) is None


def test_blanks_do_not_make_a_text_long_enough():
    assert reward_for("맛있어요" + " " * TEXT_REWARD_MIN_LENGTH, photo_count=0) is None


def test_a_text_of_the_minimum_length_earns_the_text_reward():
    assert reward_for("가" * TEXT_REWARD_MIN_LENGTH, photo_count=0) == Reward(TEXT, TEXT_REWARD_POINTS)


def test_a_review_with_photos_earns_more_than_text_alone_whatever_its_length():
    assert reward_for("사진 보세요", photo_count=1) == Reward(PHOTO, PHOTO_REWARD_POINTS)
    assert reward_for("가" * TEXT_REWARD_MIN_LENGTH, photo_count=3) == Reward(PHOTO, PHOTO_REWARD_POINTS)
    assert PHOTO_REWARD_POINTS > TEXT_REWARD_POINTS
