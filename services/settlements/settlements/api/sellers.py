"""/api/settlements/sellers: admins find a seller by a registered name (or id), to hold their payouts."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from settlements import seller_names

blp = Blueprint("sellers", __name__, url_prefix="/api/settlements/sellers",
                description="Sellers as settlement knows them")


class SellerQuerySchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(min=1, max=100), validate.Regexp(r"\S")], metadata={
        "description": "Part of the business or representative's name (any case), or the seller's id."})


class KnownSellerSchema(Schema):
    seller_id = fields.String()
    business_name = fields.String(allow_none=True)
    representative_name = fields.String(allow_none=True)
    held = fields.Boolean(metadata={"description": "Whether an admin holds the seller's payouts."})


@blp.route("")
class Sellers(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(SellerQuerySchema, location="query")
    @blp.response(200, KnownSellerSchema(many=True))
    def get(self, query):
        """Up to 20 sellers whose registered name holds the words, or whose id they are, by business name."""
        return seller_names.find_sellers(runtime(), query["q"])
