"""/api/reviews/<id>/helpful: a customer marks someone else's review helpful, once, and may take it back."""
from flask.views import MethodView

from reviews import helpful_votes
from reviews.api import viewers
from reviews.api.review_answers import ReviewSchema, shown
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires

blp = Blueprint("helpful_votes", __name__, url_prefix="/api/reviews", description="Helpful votes on reviews")


@blp.route("/<review_id>/helpful")
class HelpfulVote(MethodView):
    @requires("customer")
    @blp.response(200, ReviewSchema)
    @blp.problem(409, "own-review: nobody marks their own review helpful.")
    def put(self, review_id):
        """Mark the review helpful: counted once however often it is sent; your own review is refused (409)."""
        review = helpful_votes.vote_helpful(runtime(), viewers.account_id(), review_id)
        return shown(review, viewers.reader())

    @requires("customer")
    @blp.response(200, ReviewSchema)
    def delete(self, review_id):
        """Take your helpful vote back; without one, nothing changes."""
        review = helpful_votes.take_back_vote(runtime(), viewers.account_id(), review_id)
        return shown(review, viewers.reader())
