"""/api/categories: anyone reads the category tree; admins add, rename and move categories."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from catalog import categories
from catalog.api.viewers import ADMIN
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.languages import _

blp = Blueprint("categories", __name__, url_prefix="/api/categories", description="The category tree of products")


class CategorySchema(Schema):
    id = fields.String(dump_only=True)
    parent_id = fields.UUID(load_default=None, allow_none=True, metadata={"description": "None for a root category."})
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    slug = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=100),
            validate.Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$", error=str(_("Lower-case letters and digits, joined by single dashes."))
            ),
        ],
    )
    position = Integer(
        load_default=0,
        strict=True,
        minimum=0, maximum=10_000,
        metadata={"description": "Order among siblings, lowest first; ties go by name."},
    )
    created_at = fields.AwareDateTime(dump_only=True)


class CategoryChangesSchema(CategorySchema):
    """Only the fields given change; `parent_id: null` moves a category to the top."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class CategoryTreeSchema(CategorySchema):
    children = fields.List(fields.Nested(lambda: CategoryTreeSchema()), dump_only=True)


@blp.route("")
class Categories(MethodView):
    @blp.response(200, CategoryTreeSchema(many=True))
    def get(self):
        """The whole tree: root categories with their children nested, ordered by position, then name."""
        return categories.category_tree(runtime())

    @requires(ADMIN)
    @blp.arguments(CategorySchema)
    @blp.response(201, CategorySchema)
    @blp.problem(409, "category-slug-taken: another category has this slug.")
    def post(self, fields_):
        """Add a category, at the top or under `parent_id` (admins only)."""
        return categories.create_category(runtime(), fields_)


@blp.route("/<uuid:category_id>")
class CategoryById(MethodView):
    @requires(ADMIN)
    @blp.arguments(CategoryChangesSchema)
    @blp.response(200, CategorySchema)
    @blp.problem(409, "category-slug-taken, or category-move-into-own-subtree.")
    def patch(self, changes, category_id):
        """Rename or move a category (admins only); never under itself or one of its descendants."""
        return categories.edit_category(runtime(), str(category_id), changes)
