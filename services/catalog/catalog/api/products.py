"""/api/products: anyone browses; a seller lists, edits, discounts, varies and deletes products; admins suspend."""
from flask import request
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from werkzeug.http import quote_etag

from catalog import products, sale_prices, search, variants
from catalog.api.product_images import thumbnail_url
from catalog.api.shops import SellerProfileSchema
from catalog.api.viewers import ADMIN, SELLER, current_viewer
from catalog.domain.pricing import current_price
from catalog.domain.products import ON_SALE, SELLER_STATUSES, STATUSES
from catalog.domain.stock import MAX_STOCK
from catalog.domain.variants import MAX_OPTIONS, MAX_VARIANTS
from servicekit import clock
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fast_dump import FastDumpSchema
from servicekit.fields import Integer
from servicekit.identity import requires, requires_second_factor
from servicekit.languages import _

blp = Blueprint("products", __name__, url_prefix="/api/products", description="Products on the storefront")

STOCK_CHANGES = (
    "A stock given replaces what is held when the change applies, and would sell again the units orders reserved "
    "after you read it: base the change on the version you read (If-Match), or give stock_adjustment."
)
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the product as you read it: the change applies only while the product is at that "
    "version, else 412 stale-product and nothing changes. Without it the change applies to the product as it is.",
}
ETAG = {
    "ETag": {
        "description": "The product's version, quoted: name it in If-Match to base your next change on this answer.",
        "schema": {"type": "string"},
    }
}
STALE = "stale-product: the product changed since the version If-Match names; reload it and make the change again."


def based_on_read() -> frozenset[int] | None:
    """The versions the request's If-Match names; None without one, or with `*` (any version).

    Versions are compared strongly (RFC 9110): a weak tag, or one that is not a version, names none.
    """
    if_match = request.if_match
    if not if_match or if_match.star_tag:
        return None
    # werkzeug reads an empty tag ("") as None.
    return frozenset(int(tag) for tag in if_match.as_set() if tag and tag.isascii() and tag.isdigit())


def tagged(product):
    """A product's answer with its version as the ETag."""
    return product, {"ETag": quote_etag(str(product.version))}


def conditional(view):
    """Documents a change of a product that If-Match may base on a version read."""
    return blp.doc(parameters=[IF_MATCH])(blp.alt_response(412, description=STALE)(view))


def StockAdjustment(holder: str, also: str = "") -> fields.Integer:
    """Units a seller adds to (or takes from) what `holder` holds when the change applies."""
    return Integer(
        load_only=True,
        strict=True,
        minimum=-MAX_STOCK,
        maximum=MAX_STOCK,
        metadata={
            "description": f"Units to add to what {holder} holds when the change applies (negative: to take away), "
            f"so units orders reserved after you read it stay reserved. {also}".rstrip()
        },
    )


class VariantSchema(FastDumpSchema):
    id = fields.UUID(
        load_default=None, allow_none=True, metadata={"description": "Give an existing variant's id to keep it."}
    )
    option_values = fields.List(
        fields.String(validate=validate.Length(min=1, max=50)),
        required=True,
        metadata={"description": "One value for each option, in the order of `options`."},
    )
    price_difference = Integer(
        required=True,
        strict=True,
        minimum=-100_000_000, maximum=100_000_000,
        metadata={"description": "Won added to the product's price (negative: taken off); the total stays >= 0."},
    )
    stock = Integer(
        strict=True,
        minimum=0,
        maximum=MAX_STOCK,
        metadata={"description": f"Units it holds; give this or stock_adjustment. {STOCK_CHANGES}"},
    )
    stock_adjustment = StockAdjustment("the variant (a new one: none)")
    sku = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64))
    active = fields.Boolean(load_default=True)
    price = fields.Integer(
        dump_only=True, metadata={"description": "The product's current price plus the price difference."}
    )

    @validates_schema
    def stock_or_its_adjustment(self, data, **kwargs):
        if ("stock" in data) == ("stock_adjustment" in data):
            raise ValidationError([_("Give either the stock or stock_adjustment.")], "stock")


# One schema dumps every product's variants: a schema made per variant copies all its fields each time.
_VARIANTS = VariantSchema(many=True)


class VariantsSchema(Schema):
    options = fields.List(
        fields.String(validate=validate.Length(min=1, max=30)),
        required=True,
        metadata={"description": f"Up to {MAX_OPTIONS} option names, e.g. Color and Size; empty for no variants."},
    )
    variants = fields.List(
        fields.Nested(VariantSchema),
        required=True,
        metadata={"description": f"Up to {MAX_VARIANTS} variants; each gives a value for every option."},
    )


class ProductSchema(FastDumpSchema):
    id = fields.String(dump_only=True)
    seller_id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=20_000))
    price = Integer(required=True, strict=True, minimum=0, maximum=100_000_000)
    stock = Integer(
        required=True,
        strict=True,
        minimum=0,
        maximum=MAX_STOCK,
        metadata={"description": f"Units on sale now, those orders reserved taken off. In an edit: {STOCK_CHANGES}"},
    )
    category_id = fields.UUID(load_default=None, allow_none=True)
    low_stock_threshold = Integer(
        load_default=0,
        strict=True,
        minimum=0, maximum=1_000_000,
        metadata={"description": "Alert the seller (StockLow) when stock falls to this; 0 for no alert."},
    )
    status = fields.String(
        load_default=ON_SALE,
        validate=validate.OneOf(SELLER_STATUSES),
        metadata={
            "enum": list(STATUSES),
            "description": f"A seller sets {' or '.join(SELLER_STATUSES)}; sold_out follows zero stock, "
            "suspended is set by an admin.",
        },
    )
    sale_price = fields.Integer(dump_only=True, allow_none=True)
    sale_starts_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    sale_ends_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    current_price = fields.Method(
        "price_now",
        dump_only=True,
        metadata={"type": "integer", "description": "The sale price while its period runs, else the price."},
    )
    options = fields.List(fields.String(), attribute="option_names", dump_only=True)
    variants = fields.Method(
        "variants_now",
        dump_only=True,
        metadata={
            "type": "array",
            "items": {"type": "object"},
            "description": "Each variant as VariantSchema, `price` at the current price; deactivated ones too.",
        },
    )
    suspension_reason = fields.String(dump_only=True, allow_none=True)
    rating_average = fields.Float(dump_only=True, allow_none=True, metadata={"description": "None until reviewed."})
    rating_count = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    version = fields.Integer(
        dump_only=True,
        metadata={
            "description": "Moves on with every change of the product, orders' reservations of its stock included; "
            "an answer about this one product carries it as its ETag."
        },
    )
    primary_image = fields.Method(
        "primary_thumbnail_url",
        dump_only=True,
        allow_none=True,
        metadata={"type": "string", "description": "The thumbnail URL of the primary image, if any."},
    )

    def price_now(self, product):
        return current_price(product, clock.now())

    def variants_now(self, product):
        if not product.variants:
            return []
        price = self.price_now(product)
        return [
            {**dumped, "price": price + variant.price_difference}
            for variant, dumped in zip(product.variants, _VARIANTS.dump(product.variants))
        ]

    def primary_thumbnail_url(self, product):
        return None if product.primary_image is None else thumbnail_url(product.primary_image)


class ProductPageSchema(ProductSchema):
    seller = fields.Nested(
        SellerProfileSchema,
        dump_only=True,
        allow_none=True,
        metadata={"description": "Who sells it, with their rating over all their products (their shop's page)."},
    )


class ProductChangesSchema(ProductSchema):
    """Only the fields given change."""

    stock_adjustment = StockAdjustment("the product", also="Not with stock.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)

    @validates_schema
    def stock_or_its_adjustment(self, data, **kwargs):
        if "stock" in data and "stock_adjustment" in data:
            raise ValidationError([_("Give the stock or stock_adjustment, not both.")], "stock_adjustment")


class ProductQuerySchema(Schema):
    seller_id = fields.UUID()
    category_id = fields.UUID(metadata={"description": "Products of this category or any below it."})
    status = fields.String(
        validate=validate.OneOf(STATUSES),
        metadata={"description": "draft and suspended products are listed only to their seller and admins."},
    )
    q = fields.String(
        validate=validate.Length(min=1, max=100),
        metadata={"description": "A keyword: products with each of its words in their name or description, by stem "
                                 "(particles, endings and plurals aside), or with it inside their name, whatever the "
                                 "spacing of either; any case; % and _ are no wildcards. The keyword as typed in a "
                                 "name comes first."},
    )
    min_price = Integer(minimum=0)
    max_price = Integer(minimum=0)
    sort = fields.String(
        validate=validate.OneOf(search.SORTS),
        metadata={
            "description": "relevance (the default with q), newest (the default without), price_asc, price_desc, "
            "popularity (units sold), rating (unrated last)."
        },
    )

    @validates_schema
    def a_price_range_runs_upwards(self, data, **kwargs):
        if "min_price" in data and "max_price" in data and data["min_price"] > data["max_price"]:
            raise ValidationError([_("Must not be above max_price.")], "min_price")


class SaleSchema(Schema):
    sale_price = Integer(required=True, strict=True, minimum=0, maximum=100_000_000)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class SuspensionSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


@blp.route("")
class Products(MethodView):
    @blp.arguments(ProductQuerySchema, location="query")
    @blp.response(200, ProductSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Browse and search products: best matches first for a keyword, else newest first, unless sorted."""
        return products.browse_products(runtime(), current_viewer(), query, pagination_parameters)

    @requires(SELLER)
    @requires_second_factor
    @blp.arguments(ProductSchema)
    @blp.response(201, ProductSchema, headers=ETAG)
    def post(self, fields_):
        """List a new product (approved sellers signed in with a second factor only)."""
        return tagged(products.create_product(runtime(), current_viewer().seller_id, fields_))


@blp.route("/<uuid:product_id>")
class ProductById(MethodView):
    @blp.response(200, ProductPageSchema, headers=ETAG)
    def get(self, product_id):
        """One product, with its seller's name and rating; a draft or suspended one only to its seller and admins."""
        return tagged(products.product_page(runtime(), str(product_id), current_viewer()))

    @requires(SELLER)
    @requires_second_factor
    @blp.arguments(ProductChangesSchema)
    @conditional
    @blp.response(200, ProductSchema, headers=ETAG)
    @blp.problem(409, "product-suspended: only an admin lifts a suspension.")
    def patch(self, changes, product_id):
        """Edit one of your products; a suspended product's status stays until an admin lifts it.

        Stock is shared with orders: base an edit of it on the version you read (If-Match), or give
        stock_adjustment.
        """
        edited = products.edit_product(
            runtime(), current_viewer().seller_id, str(product_id), changes, based_on_read()
        )
        return tagged(edited)

    @requires(SELLER)
    @requires_second_factor
    @conditional
    @blp.response(204)
    def delete(self, product_id):
        """Delete one of your products: gone from the storefront, kept for the orders that name it."""
        products.delete_product(runtime(), current_viewer().seller_id, str(product_id), based_on_read())


@blp.route("/<uuid:product_id>/variants")
class ProductVariants(MethodView):
    @requires(SELLER)
    @requires_second_factor
    @blp.arguments(VariantsSchema)
    @conditional
    @blp.response(200, ProductSchema, headers=ETAG)
    def put(self, body, product_id):
        """Replace the options and variants of one of your products; its stock becomes what its variants hold.

        A variant given with its id keeps that id. One left out is deleted, or deactivated once ordered.
        Stock is shared with orders: base the change on the version you read (If-Match), or give each
        variant's stock_adjustment.
        """
        replaced = variants.replace_variants(
            runtime(), current_viewer().seller_id, str(product_id), body, based_on_read()
        )
        return tagged(replaced)


@blp.route("/<uuid:product_id>/suspension")
class ProductSuspension(MethodView):
    @requires(ADMIN)
    @blp.arguments(SuspensionSchema)
    @conditional
    @blp.response(200, ProductSchema, headers=ETAG)
    def post(self, suspension, product_id):
        """Suspend a product (admins only): hidden from the storefront and refused to orders."""
        return tagged(products.suspend_product(runtime(), str(product_id), suspension["reason"], based_on_read()))

    @requires(ADMIN)
    @conditional
    @blp.response(200, ProductSchema, headers=ETAG)
    @blp.problem(409, "product-not-suspended: there is no suspension to lift.")
    def delete(self, product_id):
        """Lift a suspension (admins only): back on sale, or sold out when there is no stock."""
        return tagged(products.lift_suspension(runtime(), str(product_id), based_on_read()))


@blp.route("/<uuid:product_id>/sale")
class ProductSale(MethodView):
    @requires(SELLER)
    @requires_second_factor
    @blp.arguments(SaleSchema)
    @conditional
    @blp.response(200, ProductSchema, headers=ETAG)
    def put(self, sale, product_id):
        """Sell one of your products at a lower price for a period; replaces any sale set before."""
        on_sale = sale_prices.set_sale(runtime(), current_viewer().seller_id, str(product_id), sale, based_on_read())
        return tagged(on_sale)

    @requires(SELLER)
    @requires_second_factor
    @conditional
    @blp.response(200, ProductSchema, headers=ETAG)
    def delete(self, product_id):
        """End the sale on one of your products now: it sells at its price again."""
        return tagged(sale_prices.clear_sale(runtime(), current_viewer().seller_id, str(product_id), based_on_read()))
