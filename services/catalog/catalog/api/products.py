"""/api/products: anyone browses; an approved seller lists products."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from catalog import services
from catalog.domain.products import STATUSES
from catalog.models import Product
from servicekit.app import unit_of_work
from servicekit.identity import current_identity, requires, requires_second_factor
from servicekit.pagination import page_of
from servicekit.problems import Problem

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
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    created_at = fields.AwareDateTime(dump_only=True)


class ProductQuerySchema(Schema):
    seller_id = fields.UUID()
    sort = fields.String(load_default="newest", validate=validate.OneOf(list(SORTS)))


@blp.route("")
class Products(MethodView):
    @blp.arguments(ProductQuerySchema, location="query")
    @blp.response(200, ProductSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Browse products, newest first unless another sort is asked for."""
        statement = select(Product).order_by(*SORTS[query["sort"]])
        if "seller_id" in query:
            statement = statement.where(Product.seller_id == str(query["seller_id"]))
        with unit_of_work() as uow:
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
        """One product."""
        with unit_of_work() as uow:
            product = uow.session.get(Product, str(product_id))
            if product is None:
                raise Problem(404, "product-not-found", "Not Found", "No product has this id.")
            return product
