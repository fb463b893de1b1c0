"""The settlements service's Flask app."""
from pathlib import Path

from flask import Flask

from servicekit.app import create_service_app
from servicekit.config import ServiceConfig
from settlements.api.bank_accounts import blp as bank_accounts
from settlements.api.dashboard_figures import blp as dashboard_figures
from settlements.api.fee_rates import blp as fee_rates
from settlements.api.ledger_entries import blp as ledger_entries
from settlements.api.payout_holds import blp as payout_holds
from settlements.api.payouts import blp as payouts
from settlements.api.platform_totals import blp as platform_totals
from settlements.api.seller_days import blp as seller_days
from settlements.api.sellers import blp as sellers
from settlements.settings import process_settings


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("settlements")
    return create_service_app(
        config,
        title="Settlements",
        blueprints=[payouts, ledger_entries, bank_accounts, payout_holds, fee_rates, platform_totals,
                    seller_days, sellers, dashboard_figures],
        settings=process_settings(),
        translations=Path(__file__).parent / "translations",
    )
