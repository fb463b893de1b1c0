"""The reviews service's Flask app."""
from flask import Flask

from reviews.api.reviews import blp as reviews
from reviews.settings import ReviewsSettings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("reviews")
    app = create_service_app(config, title="Reviews", blueprints=[reviews])
    app.extensions["reviews_settings"] = ReviewsSettings.from_env(config.var_dir)
    return app
