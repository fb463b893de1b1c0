"""Moderation of reviews: customers report them; admins read the open reports, hide and restore reviews."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from reviews import moderation
from reviews.api.reviews import ReviewSchema, shown
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.identity import current_identity, requires, requires_second_factor
from servicekit.pagination import page_of

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


@blp.route("/reports")
class OpenReports(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.response(200, OpenReportSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """Reports no admin has acted on yet, oldest first, each with the review as it is now."""
        with unit_of_work() as uow:
            reports = page_of(uow.session, moderation.open_reports(), pagination_parameters)
            reviews = moderation.reviews_of(uow, reports)
            return [
                {**{name: getattr(report, name) for name in OpenReportSchema().fields if name != "review"},
                 "review": shown(reviews[report.review_id])}
                for report in reports
            ]


@blp.route("/<review_id>/reports")
class ReviewReports(MethodView):
    @requires("customer")
    @blp.arguments(ReportSchema)
    @blp.response(201, FiledReportSchema)
    def post(self, body, review_id):
        """Report a review to the moderators, once (409 the second time)."""
        with unit_of_work() as uow:
            report = moderation.report(uow, current_identity(), review_id, body["reason"], body["detail"])
            uow.commit()
            return report


@blp.route("/<review_id>/hiding")
class ReviewHiding(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(ModerationSchema)
    @blp.response(200, ModeratedReviewSchema)
    def post(self, body, review_id):
        """Hide a review: it leaves the listings and the ratings; only admins and its author still see it."""
        with unit_of_work() as uow:
            review = moderation.hide(uow, current_identity(), review_id, body["reason"])
            uow.commit()
            return {**shown(review), "hidden_reason": review.hidden_reason}


@blp.route("/<review_id>/restoration")
class ReviewRestoration(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(ModerationSchema)
    @blp.response(200, ModeratedReviewSchema)
    def post(self, body, review_id):
        """Restore a hidden review to the listings and the ratings."""
        with unit_of_work() as uow:
            review = moderation.restore(uow, current_identity(), review_id, body["reason"])
            uow.commit()
            return {**shown(review), "hidden_reason": review.hidden_reason}
