"""The reviews service's Flask app."""
from flask import Flask

from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    return create_service_app(config or ServiceConfig.from_env("reviews"), title="Reviews", blueprints=[])
