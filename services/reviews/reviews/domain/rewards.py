"""Which reward a review earns its author: points for a substantial text, more when it shows photos."""
from __future__ import annotations

from dataclasses import dataclass

# A text shorter than this (blanks around it aside) earns nothing: the points pay for a useful review.
TEXT_REWARD_MIN_LENGTH = 50
TEXT_REWARD_POINTS = 100
PHOTO_REWARD_POINTS = 300
TEXT, PHOTO = "text", "photo"


@dataclass(frozen=True)
class Reward:
    kind: str
    points: int


def reward_for(text: str, photo_count: int) -> Reward | None:
    """The reward of a review as posted: a photo review earns the most, a long enough text the rest."""
    if photo_count > 0:
        return Reward(PHOTO, PHOTO_REWARD_POINTS)
    if len(text.strip()) >= TEXT_REWARD_MIN_LENGTH:
        return Reward(TEXT, TEXT_REWARD_POINTS)
    return None
