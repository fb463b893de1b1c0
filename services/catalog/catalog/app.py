"""The catalog's Flask app."""
from pathlib import Path

from flask import Flask

from catalog.api.categories import blp as categories
from catalog.api.dashboard_figures import blp as dashboard_figures
from catalog.api.product_images import blp as product_images
from catalog.api.product_views import blp as product_views
from catalog.api.products import blp as products
from catalog.api.shipping_settings import blp as shipping_settings
from catalog.api.shops import blp as shops
from catalog.api.visitor_statistics import blp as visitor_statistics
from catalog.settings import CatalogSettings
from servicekit.app import create_service_app
from servicekit.config import ServiceConfig


def create_app(config: ServiceConfig | None = None) -> Flask:
    config = config or ServiceConfig.from_env("catalog")
    return create_service_app(
        config,
        title="Catalog",
        blueprints=[categories, products, product_images, shipping_settings, product_views, shops, visitor_statistics,
                    dashboard_figures],
        settings=CatalogSettings.from_env(config),
        translations=Path(__file__).parent / "translations",
    )
