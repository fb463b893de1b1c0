"""/api/shipping-settings: anyone reads a seller's shipping settings; the seller sets them with a second factor."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from catalog import shipping_settings
from catalog.api.viewers import SELLER, current_viewer
from catalog.domain.shipping import MAX_FEE, SHIPPING_METHODS
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires, requires_second_factor
from servicekit.languages import _

blp = Blueprint(
    "shipping_settings", __name__, url_prefix="/api/shipping-settings", description="Seller shipping settings"
)


def Fee(**kwargs) -> fields.Integer:
    """An amount in won a seller charges."""
    return Integer(required=True, strict=True, minimum=0, maximum=MAX_FEE, **kwargs)


class ReturnAddressSchema(Schema):
    postcode = fields.String(
        required=True, validate=validate.Regexp(r"^\d{5}$", error=str(_("A postcode is five digits.")))
    )
    address1 = fields.String(required=True, validate=validate.Length(min=1, max=200))
    address2 = fields.String(load_default="", validate=validate.Length(max=200))


class ShippingSettingsSchema(Schema):
    seller_id = fields.String(dump_only=True)
    methods = fields.List(
        fields.String(validate=validate.OneOf(SHIPPING_METHODS)),
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "Each method at most once; listed in the order parcel, quick, direct."},
    )
    base_fee = Fee()
    free_shipping_threshold = Fee(
        allow_none=True, metadata={"description": "Orders from this amount ship free; null for never free."}
    )
    remote_area_extra_fee = Fee(metadata={"description": "Added for islands and mountain areas."})
    return_fee = Fee()
    exchange_fee = Fee()
    return_address = fields.Nested(ReturnAddressSchema, load_default=None, allow_none=True)
    return_policy = fields.String(load_default="", validate=validate.Length(max=5000))
    updated_at = fields.AwareDateTime(
        dump_only=True, allow_none=True, metadata={"description": "Null while the seller uses the defaults."}
    )


@blp.route("/<uuid:seller_id>")
class SellerShippingSettings(MethodView):
    @blp.response(200, ShippingSettingsSchema)
    def get(self, seller_id):
        """A seller's shipping settings: parcel at 3000 won, free from 50000, until the seller sets their own."""
        return shipping_settings.shipping_settings_of(runtime(), str(seller_id))

    @requires(SELLER)
    @requires_second_factor
    @blp.arguments(ShippingSettingsSchema)
    @blp.response(200, ShippingSettingsSchema)
    def put(self, settings, seller_id):
        """Replace your shipping settings (the approved seller, signed in with a second factor); orders is told."""
        return shipping_settings.set_shipping_settings(runtime(), current_viewer().seller_id, str(seller_id), settings)
