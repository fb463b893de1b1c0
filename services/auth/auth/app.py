"""The auth service's Flask app."""
from flask import Flask

from auth.api.accounts import blp as accounts
from auth.api.authentications import blp as authentications
from auth.api.sellers import blp as sellers
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    return create_service_app(
        config or ServiceConfig.from_env("auth"), title="Auth", blueprints=[accounts, sellers, authentications]
    )
