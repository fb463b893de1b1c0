"""The auth service's Flask app."""
from pathlib import Path

from flask import Flask

from auth.api.account_recoveries import blp as account_recoveries
from auth.api.accounts import blp as accounts
from auth.api.audit_events import blp as audit_events
from auth.api.authentications import blp as authentications
from auth.api.dashboard_figures import blp as dashboard_figures
from auth.api.password_resets import blp as password_resets
from auth.api.second_factor_checks import blp as second_factor_checks
from auth.api.second_factors import blp as second_factors
from auth.api.seller_documents import blp as seller_documents
from auth.api.sellers import blp as sellers
from auth.settings import AuthSettings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None, settings: AuthSettings | None = None) -> Flask:
    config = config or ServiceConfig.from_env("auth")
    return create_service_app(
        config,
        title="Auth",
        blueprints=[
            accounts, password_resets, account_recoveries, sellers, seller_documents, audit_events, authentications,
            second_factors, second_factor_checks, dashboard_figures,
        ],
        settings=settings or AuthSettings.from_env(config),
        translations=Path(__file__).parent / "translations",
    )
