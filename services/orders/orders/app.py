"""The orders' Flask app."""
from flask import Flask

from orders.api.orders import blp as orders
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    return create_service_app(config or ServiceConfig.from_env("orders"), title="Orders", blueprints=[orders])
