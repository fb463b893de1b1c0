"""A rating aggregate: count, average and the 1-5 distribution of visible reviews."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

STARS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Aggregate:
    distribution: tuple[int, int, int, int, int]

    @classmethod
    def of(cls, counts: Mapping[int, int]) -> "Aggregate":
        return cls(tuple(counts.get(star, 0) for star in STARS))

    def __add__(self, other: "Aggregate") -> "Aggregate":
        """Both aggregates' reviews together, as for a longer period."""
        return Aggregate(tuple(mine + theirs for mine, theirs in zip(self.distribution, other.distribution)))

    @property
    def count(self) -> int:
        return sum(self.distribution)

    @property
    def rating_sum(self) -> int:
        return sum(star * n for star, n in zip(STARS, self.distribution))

    @property
    def average_centi(self) -> int:
        """The average in hundredths, rounded half up; 0 with no reviews."""
        if not self.count:
            return 0
        return (self.rating_sum * 200 + self.count) // (2 * self.count)
