"""Approved sellers, their ratings and their shipping settings: what catalog keeps of each seller."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models.base import Base
from servicekit.types import UtcDateTime


class ApprovedSeller(Base):
    """Read model fed by SellerApproved: only these sellers may list products."""

    __tablename__ = "approved_sellers"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    display_name: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # None until reviews first rates the seller.
    rating: Mapped["SellerRating | None"] = relationship(
        primaryjoin="ApprovedSeller.seller_id == foreign(SellerRating.seller_id)", viewonly=True, lazy="raise"
    )

    @property
    def rating_average(self) -> Decimal | None:
        return None if self.rating is None else self.rating.average

    @property
    def rating_count(self) -> int:
        return 0 if self.rating is None else self.rating.review_count


class SellerRating(Base):
    """Read model fed by reviews' SellerRatingChanged: a seller's rating over all their products."""

    __tablename__ = "seller_ratings"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # None while no visible review rates the seller.
    average: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    # The version of the last rating applied, so a late, older change never overwrites a newer one.
    version: Mapped[int] = mapped_column(Integer, default=0)


class SellerShippingSettings(Base):
    """How a seller ships and takes returns (C3); a seller without a row charges the defaults."""

    __tablename__ = "seller_shipping_settings"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    methods: Mapped[list[str]] = mapped_column(JSON)
    base_fee: Mapped[int] = mapped_column(Integer)
    # None: never free, however large the order.
    free_shipping_threshold: Mapped[int | None] = mapped_column(Integer)
    remote_area_extra_fee: Mapped[int] = mapped_column(Integer)
    return_fee: Mapped[int] = mapped_column(Integer)
    exchange_fee: Mapped[int] = mapped_column(Integer)
    # All three None when the seller gave no return address.
    return_postcode: Mapped[str | None] = mapped_column(String(5))
    return_address1: Mapped[str | None] = mapped_column(String(200))
    return_address2: Mapped[str | None] = mapped_column(String(200))
    return_policy: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
