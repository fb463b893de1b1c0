"""The operator's payout command: a missed or brought-forward payout day paid now, and no day it may not pay."""
from sqlalchemy import select

from settlements import cli
from settlements.models import Payout
from .sales import confirmed, korean, line, new_id, paid_order


def test_an_operator_pays_the_next_payout_day_now_but_not_a_later_or_non_payout_day(
    settlements_runtime, settlements_consumer, clock_at, monkeypatch
):
    monkeypatch.setenv("SETTLEMENTS_DATABASE_URL", settlements_runtime.config.database_url)
    seller = new_id()
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 9, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 10, 10))
    clock_at(korean(2026, 12, 10, 15))

    saturday = cli.main(["pay", "--day", "2026-12-12"])
    monday = cli.main(["pay", "--day", "2026-12-14"])
    friday = cli.main(["pay", "--day", "2026-12-11"])

    assert (saturday, monday, friday) == (2, 2, 0)
    with settlements_runtime.engine.connect() as connection:
        days = connection.execute(select(Payout.payout_day).where(Payout.seller_id == seller)).scalars().all()
    assert [day.isoformat() for day in days] == ["2026-12-11"]
