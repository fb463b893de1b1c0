"""CS analytics rollups: per Korean calendar day, by who owns the inquiries (a seller or the platform)
and inquiry type, what was opened, answered, resolved and rated; and each seller's paid orders.

Kept up to date in the transaction of each change (support.cs_analytics), so a report sums a few
rows per day instead of scanning every inquiry.
"""
from datetime import date

from sqlalchemy import BigInteger, Date, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from support.models.base import Base
from support.models.inquiries import Inquiry

# A rollup's key cannot be NULL: platform inquiries about no seller count under this seller id.
NO_SELLER = ""


class CsKey:
    """The key every inquiry rollup shares: the Korean day, the seller and owner, the inquiry type."""

    day: Mapped[date] = mapped_column(Date, primary_key=True, sort_order=-3)
    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True, sort_order=-2)
    owner: Mapped[str] = mapped_column(String(10), primary_key=True, sort_order=-1)
    inquiry_type: Mapped[str] = mapped_column(String(20), primary_key=True, sort_order=-1)


class CsDay(CsKey, Base):
    """Counts of one day: inquiries opened and resolved, first responses, automatic answers, ratings."""

    __tablename__ = "cs_daily"
    __table_args__ = (Index("ix_cs_daily_seller_day", "seller_id", "day"),)

    opened: Mapped[int] = mapped_column(BigInteger, default=0)
    resolved: Mapped[int] = mapped_column(BigInteger, default=0)
    first_responses: Mapped[int] = mapped_column(BigInteger, default=0)
    # First responses given by the first response due time.
    first_responses_in_target: Mapped[int] = mapped_column(BigInteger, default=0)
    automatic_answers: Mapped[int] = mapped_column(BigInteger, default=0)
    # Automatic answers the customer said did not help.
    automatic_answers_rejected: Mapped[int] = mapped_column(BigInteger, default=0)
    rated_1: Mapped[int] = mapped_column(BigInteger, default=0)
    rated_2: Mapped[int] = mapped_column(BigInteger, default=0)
    rated_3: Mapped[int] = mapped_column(BigInteger, default=0)
    rated_4: Mapped[int] = mapped_column(BigInteger, default=0)
    rated_5: Mapped[int] = mapped_column(BigInteger, default=0)


class CsDayResolution(CsKey, Base):
    """Inquiries resolved on one day for one reason code: the root-cause counts."""

    __tablename__ = "cs_daily_resolutions"
    __table_args__ = (Index("ix_cs_daily_resolutions_seller_day", "seller_id", "day"),)

    reason_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    resolved: Mapped[int] = mapped_column(BigInteger, default=0)


class CsDayDuration(CsKey, Base):
    """How many first responses or resolutions of one day took a time in one bucket (domain.durations)."""

    __tablename__ = "cs_daily_durations"
    __table_args__ = (Index("ix_cs_daily_durations_seller_day", "seller_id", "day"),)

    # 'first_response': from opening to the first answer; 'resolution': from opening to resolution.
    clock: Mapped[str] = mapped_column(String(20), primary_key=True)
    bucket: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    inquiries: Mapped[int] = mapped_column(BigInteger, default=0)


class PaidOrdersDay(Base):
    """A seller's orders paid on one Korean day: what inquiries per 100 orders are measured against."""

    __tablename__ = "cs_paid_orders_daily"
    __table_args__ = (Index("ix_cs_paid_orders_daily_day", "day"),)

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    orders: Mapped[int] = mapped_column(BigInteger, default=0)


# The backlog report counts the platform's unresolved inquiries by age, live: by status, then age.
Index("ix_inquiries_status_created_at", Inquiry.status, Inquiry.created_at)
