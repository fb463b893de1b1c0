"""The orders' Flask app."""
from pathlib import Path

from flask import Flask

from orders.api.claims import blp as claims
from orders.api.coupons import blp as coupons
from orders.api.dashboard_figures import blp as dashboard_figures
from orders.api.orders import blp as orders
from orders.api.points import blp as points
from orders.api.sales_statistics import blp as sales_statistics
from orders.api.shipment_batches import blp as shipment_batches
from orders.api.shipments import blp as shipments
from orders.settings import OrdersSettings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("orders")
    return create_service_app(
        config,
        title="Orders",
        blueprints=[orders, shipments, shipment_batches, claims, sales_statistics, points, coupons,
                    dashboard_figures],
        settings=OrdersSettings.from_env(config),
        translations=Path(__file__).parent / "translations",
    )
