"""The notifications service's Flask app."""
from flask import Flask

from notifications.settings import NotificationsSettings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("notifications")
    return create_service_app(
        config,
        title="Notifications",
        blueprints=[],
        settings=NotificationsSettings.from_env(),
    )
