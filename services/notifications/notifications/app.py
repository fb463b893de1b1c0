"""The notifications service's Flask app."""
from pathlib import Path

from flask import Flask

from notifications.api.notifications import blp as notifications
from notifications.api.preferences import blp as preferences
from notifications.api.stream import blp as stream
from notifications.live import LiveNotifications
from notifications.settings import NotificationsSettings, process_settings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None, settings: NotificationsSettings | None = None) -> Flask:
    config = config or ServiceConfig.from_env("notifications")
    settings = settings or process_settings()
    app = create_service_app(
        config,
        title="Notifications",
        blueprints=[notifications, preferences, stream],
        settings=settings,
        translations=Path(__file__).parent / "translations",
    )
    # The process's one watcher of new notifications for its live streams (it starts with the first stream).
    app.extensions["live_notifications"] = LiveNotifications(
        app.extensions["runtime"].session_factory, settings.live_poll_seconds
    )
    return app
