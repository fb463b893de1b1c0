"""/api/shops/<seller_id>: anyone, signed in or not, sees an approved seller's shop: their name and rating (R4)."""
from flask.views import MethodView
from marshmallow import fields

from catalog import shops
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fast_dump import FastDumpSchema

blp = Blueprint("shops", __name__, url_prefix="/api/shops", description="Sellers' shops as shoppers see them")


class SellerProfileSchema(FastDumpSchema):
    """A seller as shoppers see them, on their shop's page and on each of their products' pages."""

    seller_id = fields.String()
    display_name = fields.String()
    rating_average = fields.Float(
        allow_none=True, metadata={"description": "Over the visible reviews of all their products; None until reviewed."}
    )
    rating_count = fields.Integer(metadata={"description": "How many visible reviews the average counts."})


class ShopSchema(SellerProfileSchema):
    products_on_sale = fields.Integer(metadata={"description": "Their products on sale now (not sold out)."})


@blp.route("/<uuid:seller_id>")
class Shop(MethodView):
    @blp.response(200, ShopSchema)
    def get(self, seller_id):
        """An approved seller's shop; 404 for any other seller."""
        return shops.shop_of(runtime(), str(seller_id))
