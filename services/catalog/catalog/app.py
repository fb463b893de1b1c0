"""The catalog's Flask app."""
from flask import Flask

from catalog.api.products import blp as products
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    return create_service_app(config or ServiceConfig.from_env("catalog"), title="Catalog", blueprints=[products])
