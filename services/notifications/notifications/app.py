"""The notifications service's Flask app."""
from flask import Flask

from notifications.api.notifications import blp as notifications
from notifications.api.preferences import blp as preferences
from notifications.settings import process_settings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("notifications")
    return create_service_app(
        config,
        title="Notifications",
        blueprints=[notifications, preferences],
        settings=process_settings(),
    )
