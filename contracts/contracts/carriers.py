"""The parcel carriers a seller may dispatch with, by the code OrderShipped carries: their names, what their
tracking numbers look like, and where a customer follows a parcel."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str
    tracking_pattern: re.Pattern[str]
    # None for the seller's own delivery: there is no carrier's page to follow it on.
    tracking_url: str | None

    def tracking_link(self, tracking_number: str) -> str | None:
        return self.tracking_url.format(number=tracking_number) if self.tracking_url else None


def _digits(low: int, high: int) -> re.Pattern[str]:
    return re.compile(rf"^\d{{{low},{high}}}$")


CARRIERS = {
    carrier.code: carrier
    for carrier in (
        Carrier("cj", "CJ대한통운", _digits(10, 12), "https://trace.cjlogistics.com/next/tracking.html?wblNo={number}"),
        Carrier("hanjin", "한진택배", _digits(10, 12), "https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?wblnum={number}"),
        Carrier("lotte", "롯데택배", _digits(12, 12), "https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={number}"),
        Carrier("logen", "로젠택배", _digits(11, 11), "https://www.ilogen.com/web/personal/trace/{number}"),
        Carrier("epost", "우체국택배", _digits(13, 13), "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={number}"),
        Carrier("kdexp", "경동택배", _digits(10, 14), "https://kdexp.com/service/delivery/etc/delivery.do?barcode={number}"),
        Carrier("direct", "직접배송", re.compile(r"^[0-9A-Za-z-]{1,40}$"), None),
    )
}
