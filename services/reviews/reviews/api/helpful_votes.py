"""/api/reviews/<id>/helpful: a customer marks someone else's review helpful, once, and may take it back."""
from flask.views import MethodView

from reviews import helpful_votes
from reviews.api.reviews import ReviewSchema, shown
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.identity import current_identity, requires

blp = Blueprint("helpful_votes", __name__, url_prefix="/api/reviews", description="Helpful votes on reviews")


@blp.route("/<review_id>/helpful")
class HelpfulVote(MethodView):
    @requires("customer")
    @blp.response(200, ReviewSchema)
    def put(self, review_id):
        """Mark the review helpful: counted once however often it is sent; your own review is refused (409)."""
        identity = current_identity()
        with unit_of_work() as uow:
            review = helpful_votes.vote_helpful(uow, identity, review_id)
            uow.commit()
            return shown(review, identity.subject)

    @requires("customer")
    @blp.response(200, ReviewSchema)
    def delete(self, review_id):
        """Take your helpful vote back; without one, nothing changes."""
        identity = current_identity()
        with unit_of_work() as uow:
            review = helpful_votes.take_back_vote(uow, identity, review_id)
            uow.commit()
            return shown(review, identity.subject)
