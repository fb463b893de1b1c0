"""Moderation of reviews: customers report them; admins read the open reports, hide and restore reviews."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from reviews import moderation
from reviews.api import viewers
from reviews.api.review_answers import ReviewSchema, shown
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor

blp = Blueprint("review_moderation", __name__, url_prefix="/api/reviews", description="Moderation of reviews")


class ReportSchema(Schema):
    reason = fields.String(required=True, validate=validate.OneOf(moderation.REPORT_REASONS))
    detail = fields.String(load_default="", validate=validate.Length(max=1000))


class ModerationSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class FiledReportSchema(Schema):
    id = fields.String()
    review_id = fields.String()
    reason = fields.String()
    detail = fields.String()
    created_at = fields.AwareDateTime()


class OpenReportSchema(FiledReportSchema):
    reporter_id = fields.String()
    review = fields.Nested(ReviewSchema)


class ModeratedReviewSchema(ReviewSchema):
    hidden_reason = fields.String(allow_none=True)


def _moderated(review) -> dict:
    return {**shown(review), "hidden_reason": review.hidden_reason}


@blp.route("/reports")
class OpenReports(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.response(200, OpenReportSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """Reports no admin has acted on yet, oldest first, each with the review as it is now."""
        return [
            {**{name: getattr(report, name) for name in OpenReportSchema().fields if name != "review"},
             "review": shown(review)}
            for report, review in moderation.open_reports(runtime(), pagination_parameters)
        ]


@blp.route("/<review_id>/reports")
class ReviewReports(MethodView):
    @requires("customer")
    @blp.arguments(ReportSchema)
    @blp.response(201, FiledReportSchema)
    @blp.problem(409, "already-reported: each caller reports a review once.")
    def post(self, body, review_id):
        """Report a review to the moderators, once (409 the second time)."""
        return moderation.report(runtime(), viewers.account_id(), review_id, body["reason"], body["detail"])


@blp.route("/<review_id>/hiding")
class ReviewHiding(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(ModerationSchema)
    @blp.response(200, ModeratedReviewSchema)
    @blp.problem(409, "already-hidden: nothing to change.")
    def post(self, body, review_id):
        """Hide a review: it leaves the listings and the ratings; only admins and its author still see it."""
        return _moderated(moderation.hide(runtime(), viewers.account_id(), review_id, body["reason"]))


@blp.route("/<review_id>/restoration")
class ReviewRestoration(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(ModerationSchema)
    @blp.response(200, ModeratedReviewSchema)
    @blp.problem(409, "already-visible: nothing to change.")
    def post(self, body, review_id):
        """Restore a hidden review to the listings and the ratings."""
        return _moderated(moderation.restore(runtime(), viewers.account_id(), review_id, body["reason"]))
