"""A seller's reviews: filtered (stars, with photos, not replied to, one product), replied to and the reply edited
or taken back; and why the unhappy ones (1 or 2 stars) were unhappy, per cause and over time, charted."""
from __future__ import annotations

from flask import render_template, request

from web.pages.seller import seller_pages
from web.pages.seller_questions import shop_products
from web.public_api import public_api
from web.viewers import SELLER, required_viewer

blp = seller_pages("seller_reviews", __name__)

SORTS = ("newest", "lowest", "highest", "helpful")
CAUSES = ("product_quality", "delivery", "service", "price_value", "other")
CAUSE_PERIODS = ("day", "week")
PAGE_SIZE = 20


def listing_query(seller_id: str, wanted: dict) -> dict:
    """The API's query for the page's filters: the shop's reviews, of a product when one is chosen."""
    return {"seller_id": seller_id, "product_id": wanted["product_id"], "rating": wanted["rating"],
            "photo_only": "true" if wanted["photo_only"] else None, "unanswered": "true" if wanted["unanswered"] else None,
            "sort": wanted["sort"], "page": wanted["page"], "page_size": PAGE_SIZE}


@blp.get("/reviews")
def reviews():
    seller = required_viewer(SELLER)
    wanted = {name: request.args.get(name, "") for name in ("product_id", "rating", "photo_only", "unanswered", "sort",
                                                           "page", "from", "to", "period")}
    wanted["rating"] = wanted["rating"] if wanted["rating"] in ("1", "2", "3", "4", "5") else ""
    wanted["sort"] = wanted["sort"] if wanted["sort"] in SORTS else "newest"
    wanted["period"] = wanted["period"] if wanted["period"] in CAUSE_PERIODS else "day"
    answer = public_api().get("/api/reviews", listing_query(seller.seller_id, wanted))
    causes = public_api().get("/api/reviews/negative-causes", {"from": wanted["from"], "to": wanted["to"],
                                                               "period": wanted["period"]}).body
    return render_template("seller/reviews.html", reviews=answer.body, pagination=answer.pagination, wanted=wanted,
                           products=shop_products(seller.seller_id), sorts=SORTS, causes=causes, cause_codes=CAUSES,
                           cause_periods=CAUSE_PERIODS)
