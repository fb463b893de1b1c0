"""The gateway's Flask app: sessions, CSRF, its own endpoints and the proxy to the services."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.sessions import NullSession, SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from gateway.api.dashboard import blp as dashboard
from gateway.api.devices import blp as devices
from gateway.api.docs import blp as docs
from gateway.api.docs import swagger_ui
from gateway.api.second_factor import blp as second_factor
from gateway.api.session import blp as session
from gateway.api.statistics import blp as statistics
from gateway.browser_sessions import init_browser_sessions
from gateway.csrf import init_csrf
from gateway.extension import GatewayExtension
from gateway.identity_tokens import IdentityTokens
from gateway.limited_requests import init_rate_limits
from gateway.pages import init_pages
from gateway.pending_sessions import init_pending_sessions
from gateway.proxy import init_proxy
from gateway.rate_limits import RateLimits
from gateway.settings import GatewaySettings
from gateway.upstreams import UpstreamClient
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig
from servicekit.identity import TokenSigner


def create_app(config: ServiceConfig | None = None, settings: GatewaySettings | None = None) -> Flask:
    config = config or ServiceConfig.from_env("gateway")
    settings = settings or GatewaySettings.from_env(config)
    app = create_service_app(
        config,
        title="Marketplace gateway",
        blueprints=[session, second_factor, devices, docs, statistics, dashboard],
        settings=settings,
        verify_identity=False,
        translations=Path(__file__).parent / "translations",
    )
    app.register_blueprint(swagger_ui())
    app.session_interface = NoFlaskSessions()
    app.extensions["gateway"] = GatewayExtension(
        upstreams=UpstreamClient(settings),
        tokens=IdentityTokens(TokenSigner(config.identity_private_key_file.read_bytes())),
        rate_limits=RateLimits(settings),
    )
    # Order matters: the hooks after the loader read the session it found; a pending session is held
    # before anything else looks at the request, and only requests that pass CSRF count against a limit.
    init_browser_sessions(app)
    init_pending_sessions(app)
    init_csrf(app)
    init_rate_limits(app)
    init_proxy(app)
    init_pages(app)
    if settings.trusted_proxy_hops:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=settings.trusted_proxy_hops, x_proto=settings.trusted_proxy_hops,
            x_host=settings.trusted_proxy_hops,
        )
    return app


class NoFlaskSessions(SecureCookieSessionInterface):
    """The gateway's sessions are its own (browser_sessions), never Flask's cookie session: every request gets the
    one read-only null session rather than a new one made, and nothing is saved."""

    _null = NullSession()

    def open_session(self, app, request) -> NullSession:
        return self._null
