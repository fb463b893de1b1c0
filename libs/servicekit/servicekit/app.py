"""The app factory every service builds on: HTTP conventions, identity, health, metrics, OpenAPI."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from flask import Flask, current_app

from servicekit.blueprints import Api, Blueprint
from servicekit.config import ServiceConfig
from servicekit.db import UnitOfWork
from servicekit.fields import ColumnIntegerConverter
from servicekit.health import broker_check, database_check, init_health
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.identity import TokenVerifier, init_identity
from servicekit.inputs import ClientJSONProvider, TextConverter
from servicekit.languages import register_translations
from servicekit.logs import configure_logging
from servicekit.metrics import init_metrics
from servicekit.problems import init_problems
from servicekit.request_ids import init_request_ids
from servicekit.runtime import Runtime

OPERATIONAL_PATHS = ("/healthz", "/readyz", "/metrics", "/openapi.json")


def create_service_app(
    config: ServiceConfig,
    *,
    title: str,
    blueprints: Iterable[Blueprint],
    runtime: Runtime | None = None,
    settings: Any = None,
    verify_identity: bool = True,
    translations: Path | str | None = None,
) -> Flask:
    """A service's Flask app. `settings` is what the service reads from the environment beyond `config`
    (its settings.py), which use cases reach with `settings()`. The gateway passes verify_identity=False:
    it makes tokens, not checks them. `translations` is the service's catalog folder (holding
    ko/LC_MESSAGES/messages.po, usually `Path(__file__).parent / "translations"`): its problem answers' messages
    are looked up there before servicekit's own catalog (servicekit.languages)."""
    configure_logging(config.service, config.log_level, config.log_json)
    runtime = runtime or Runtime(config)
    # No service serves a static folder: /static/... behind the gateway is the pages' (web/) stylesheets and scripts.
    app = Flask(config.service, static_folder=None)
    app.json = ClientJSONProvider(app)
    app.url_map.converters.update(int=ColumnIntegerConverter, default=TextConverter, string=TextConverter)
    app.config.update(
        API_TITLE=title,
        API_VERSION="1.0.0",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        MAX_CONTENT_LENGTH=config.max_request_bytes,
        JSON_SORT_KEYS=False,
    )
    app.extensions["runtime"] = runtime
    app.extensions["settings"] = settings
    if translations is not None:
        register_translations(app, translations)
    init_request_ids(app)
    init_metrics(app, config.service)
    if verify_identity:
        init_identity(app, TokenVerifier(config.identity_public_key_file.read_bytes()), OPERATIONAL_PATHS)
    init_health(app, {"database": database_check(runtime.engine), "broker": broker_check(runtime.topology)})
    described = {"info": {"description": f"The {config.service} service of the marketplace."}}
    if verify_identity:
        # Every request, a signed-in caller's or not, carries the gateway's token; `x-caller` says who may call.
        described["security"] = [{"gatewayIdentity": []}]
    api = Api(app, spec_kwargs=described)
    if verify_identity:
        api.spec.components.security_scheme(
            "gatewayIdentity", {"type": "apiKey", "in": "header", "name": IDENTITY_HEADER}
        )
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    init_problems(app)
    return app


def runtime() -> Runtime:
    return current_app.extensions["runtime"]


def settings() -> Any:
    """The settings of the service serving the current request, as its app factory attached them."""
    attached = current_app.extensions["settings"]
    if attached is None:
        raise RuntimeError(f"{current_app.name} was made without settings; pass them to create_service_app")
    return attached


def unit_of_work() -> UnitOfWork:
    return runtime().unit_of_work()
