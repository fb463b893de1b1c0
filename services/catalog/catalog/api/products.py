"""/api/products: anyone browses; an approved seller lists, edits and deletes their products; admins suspend."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, post_dump, validate
from sqlalchemy import select

from catalog import services
from catalog.api.product_images import primary_thumbnail_urls
from catalog.domain.products import ON_SALE, SELLER_STATUSES, STATUSES
from catalog.models import Product
from servicekit.app import unit_of_work
from servicekit.identity import current_identity, requires, requires_second_factor
from servicekit.pagination import page_of

blp = Blueprint("products", __name__, url_prefix="/api/products", description="Products on the storefront")

SORTS = {
    "newest": (Product.created_at.desc(), Product.id),
    "price_asc": (Product.price.asc(), Product.id),
    "price_desc": (Product.price.desc(), Product.id),
}


class ProductSchema(Schema):
    id = fields.String(dump_only=True)
    seller_id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=20_000))
    price = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=100_000_000))
    stock = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=1_000_000))
    category_id = fields.UUID(load_default=None, allow_none=True)
    low_stock_threshold = fields.Integer(
        load_default=0,
        strict=True,
        validate=validate.Range(min=0, max=1_000_000),
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
    suspension_reason = fields.String(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    primary_image = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The thumbnail URL of the primary image, if any."}
    )

    @post_dump(pass_collection=True)
    def add_primary_images(self, data, many, **kwargs):
        products = data if many else [data]
        urls = primary_thumbnail_urls([product["id"] for product in products])
        for product in products:
            product["primary_image"] = urls.get(product["id"])
        return data


class ProductChangesSchema(ProductSchema):
    """Only the fields given change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class ProductQuerySchema(Schema):
    seller_id = fields.UUID()
    category_id = fields.UUID(metadata={"description": "Products of this category or any below it."})
    status = fields.String(
        validate=validate.OneOf(STATUSES),
        metadata={"description": "draft and suspended products are listed only to their seller and admins."},
    )
    sort = fields.String(load_default="newest", validate=validate.OneOf(list(SORTS)))


class SuspensionSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


@blp.route("")
class Products(MethodView):
    @blp.arguments(ProductQuerySchema, location="query")
    @blp.response(200, ProductSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Browse products, newest first unless another sort is asked for."""
        statement = select(Product).where(services.visible_to(current_identity())).order_by(*SORTS[query["sort"]])
        if "seller_id" in query:
            statement = statement.where(Product.seller_id == str(query["seller_id"]))
        if "status" in query:
            statement = statement.where(Product.status == query["status"])
        with unit_of_work() as uow:
            if "category_id" in query:
                categories = services.category_and_descendants(uow.session, str(query["category_id"]))
                statement = statement.where(Product.category_id.in_(categories))
            return page_of(uow.session, statement, pagination_parameters)

    @requires("seller")
    @requires_second_factor
    @blp.arguments(ProductSchema)
    @blp.response(201, ProductSchema)
    def post(self, fields_):
        """List a new product (approved sellers signed in with a second factor only)."""
        with unit_of_work() as uow:
            return services.create_product(uow, current_identity().seller_id, fields_)


@blp.route("/<uuid:product_id>")
class ProductById(MethodView):
    @blp.response(200, ProductSchema)
    def get(self, product_id):
        """One product; a draft or suspended one only to its seller and admins."""
        with unit_of_work() as uow:
            return services.shown_product(uow, str(product_id), current_identity())

    @requires("seller")
    @requires_second_factor
    @blp.arguments(ProductChangesSchema)
    @blp.response(200, ProductSchema)
    def patch(self, changes, product_id):
        """Edit one of your products; a suspended product's status stays until an admin lifts it."""
        with unit_of_work() as uow:
            return services.edit_product(uow, current_identity().seller_id, str(product_id), changes)

    @requires("seller")
    @requires_second_factor
    @blp.response(204)
    def delete(self, product_id):
        """Delete one of your products: gone from the storefront, kept for the orders that name it."""
        with unit_of_work() as uow:
            services.delete_product(uow, current_identity().seller_id, str(product_id))


@blp.route("/<uuid:product_id>/suspension")
class ProductSuspension(MethodView):
    @requires(services.ADMIN)
    @blp.arguments(SuspensionSchema)
    @blp.response(200, ProductSchema)
    def post(self, suspension, product_id):
        """Suspend a product (admins only): hidden from the storefront and refused to orders."""
        with unit_of_work() as uow:
            return services.suspend_product(uow, str(product_id), suspension["reason"])

    @requires(services.ADMIN)
    @blp.response(200, ProductSchema)
    def delete(self, product_id):
        """Lift a suspension (admins only): back on sale, or sold out when there is no stock."""
        with unit_of_work() as uow:
            return services.lift_suspension(uow, str(product_id))
