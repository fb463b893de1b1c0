"""The reviews service's Flask app."""
from pathlib import Path

from flask import Flask

from reviews.api.dashboard_figures import blp as dashboard_figures
from reviews.api.helpful_votes import blp as helpful_votes
from reviews.api.moderation import blp as moderation
from reviews.api.negative_reviews import blp as negative_reviews
from reviews.api.rating_statistics import blp as rating_statistics
from reviews.api.review_listing import blp as review_listing
from reviews.api.review_settings import blp as review_settings
from reviews.api.reviews import blp as reviews
from reviews.settings import ReviewsSettings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("reviews")
    return create_service_app(
        config,
        title="Reviews",
        blueprints=[reviews, review_listing, helpful_votes, moderation, negative_reviews, review_settings,
                    rating_statistics, dashboard_figures],
        settings=ReviewsSettings.from_env(config),
        translations=Path(__file__).parent / "translations",
    )
