"""The tables UnitOfWork.add_once is tried on: coupons, and their downloads, one per coupon and customer."""
import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.runtime import Runtime


class Base(DeclarativeBase):
    pass


class Coupon(Base):
    __tablename__ = "coupons"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)


class Download(Base):
    __tablename__ = "downloads"
    __table_args__ = (UniqueConstraint("coupon_id", "customer_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coupon_id: Mapped[str] = mapped_column(ForeignKey("coupons.id"))
    customer_id: Mapped[str] = mapped_column(String(36))


def download(coupon_id: str, customer_id: str | None) -> Download:
    return Download(id=str(uuid.uuid4()), coupon_id=coupon_id, customer_id=customer_id)


def new_coupon(runtime: Runtime) -> str:
    """A coupon of its own for one test, committed."""
    coupon_id = str(uuid.uuid4())
    with runtime.unit_of_work() as uow:
        uow.session.add(Coupon(id=coupon_id))
        uow.commit()
    return coupon_id


def downloads_of(runtime: Runtime, coupon_id: str) -> list[str]:
    """The customers who hold a download of the coupon, in order."""
    with runtime.engine.connect() as connection:
        return list(connection.scalars(
            select(Download.customer_id).where(Download.coupon_id == coupon_id).order_by(Download.customer_id)
        ))


def coupons_named(runtime: Runtime, *coupon_ids: str) -> int:
    with runtime.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Coupon).where(Coupon.id.in_(coupon_ids)))
