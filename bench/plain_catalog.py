"""The anchor of bench.catalog_reads: a plain Flask + SQLAlchemy Core + psycopg app serving the same storefront page
and the same product page as catalog, from catalog's own tables, as an anonymous shopper sees them.

Nothing catalog does not do too: no cache, the same queries' worth of work (count, page, the page's variants and
primary images; for one product its variants, primary image and seller with their rating), JSON made per request.
It checks no identity token: it stands for the plainest endpoint that can serve these answers.
Run by the bench under gunicorn: `gunicorn -c deploy/gunicorn.conf.py "bench.plain_catalog:create_app()"`,
reading the database from CATALOG_DATABASE_URL.
"""
from __future__ import annotations

import json
import math
import os
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request
from sqlalchemy import bindparam, create_engine, text

from catalog.domain.products import STOREFRONT_STATUSES
from servicekit.db import sqlalchemy_url

PRODUCT_COLUMNS = (
    "id, seller_id, name, description, price, stock, category_id, low_stock_threshold, status, sale_price, "
    "sale_starts_at, sale_ends_at, option_names, suspension_reason, rating_average, rating_count, created_at, "
    "updated_at, version"
)
SHOWN = "deleted_at IS NULL AND status IN :statuses"
COUNT = text(f"SELECT count(*) FROM products WHERE {SHOWN}").bindparams(bindparam("statuses", expanding=True))
PAGE = text(
    f"SELECT {PRODUCT_COLUMNS} FROM products WHERE {SHOWN} ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset"
).bindparams(bindparam("statuses", expanding=True))
ONE = text(f"SELECT {PRODUCT_COLUMNS} FROM products WHERE id = :id AND {SHOWN}").bindparams(
    bindparam("statuses", expanding=True)
)
VARIANTS = text(
    "SELECT id, product_id, option_values, price_difference, stock, sku, active FROM product_variants "
    "WHERE product_id IN :ids ORDER BY position"
).bindparams(bindparam("ids", expanding=True))
PRIMARY_IMAGES = text(
    "SELECT id, product_id FROM product_images WHERE is_primary AND product_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
SELLER = text(
    "SELECT s.seller_id, s.display_name, r.average, r.review_count FROM approved_sellers s "
    "LEFT JOIN seller_ratings r ON r.seller_id = s.seller_id WHERE s.seller_id = :seller_id"
)


def _instant(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(timezone.utc).isoformat()


def _price_now(row, now: datetime) -> int:
    on_sale = row.sale_price is not None and row.sale_starts_at is not None and row.sale_ends_at is not None and (
        row.sale_starts_at <= now < row.sale_ends_at)
    return row.sale_price if on_sale else row.price


def _answer(row, variants: list, image_id: str | None, now: datetime) -> dict:
    price = _price_now(row, now)
    return {
        "id": row.id,
        "seller_id": row.seller_id,
        "name": row.name,
        "description": row.description,
        "price": row.price,
        "stock": row.stock,
        "category_id": row.category_id,
        "low_stock_threshold": row.low_stock_threshold,
        "status": row.status,
        "sale_price": row.sale_price,
        "sale_starts_at": _instant(row.sale_starts_at),
        "sale_ends_at": _instant(row.sale_ends_at),
        "current_price": price,
        "options": row.option_names,
        "variants": [
            {"id": v.id, "option_values": v.option_values, "price_difference": v.price_difference, "stock": v.stock,
             "sku": v.sku, "active": v.active, "price": price + v.price_difference}
            for v in variants
        ],
        "suspension_reason": row.suspension_reason,
        "rating_average": None if row.rating_average is None else float(row.rating_average),
        "rating_count": row.rating_count,
        "created_at": _instant(row.created_at),
        "updated_at": _instant(row.updated_at),
        "version": row.version,
        "primary_image": None if image_id is None else f"/api/products/{row.id}/images/{image_id}/thumbnail",
    }


def _answers(connection, rows: list, now: datetime) -> list[dict]:
    ids = [row.id for row in rows]
    variants: dict[str, list] = {product_id: [] for product_id in ids}
    images: dict[str, str] = {}
    if ids:
        for variant in connection.execute(VARIANTS, {"ids": ids}):
            variants[variant.product_id].append(variant)
        images = {image.product_id: image.id for image in connection.execute(PRIMARY_IMAGES, {"ids": ids})}
    return [_answer(row, variants[row.id], images.get(row.id), now) for row in rows]


def create_app() -> Flask:
    engine = create_engine(
        sqlalchemy_url(os.environ["CATALOG_DATABASE_URL"]),
        pool_size=int(os.environ.get("DATABASE_POOL_SIZE", 10)),
        max_overflow=int(os.environ.get("DATABASE_MAX_OVERFLOW", 20)),
    )
    app = Flask("plain_catalog")
    statuses = list(STOREFRONT_STATUSES)

    @app.get("/api/products")
    def products():
        page = request.args.get("page", 1, type=int)
        page_size = request.args.get("page_size", 10, type=int)
        now = datetime.now(timezone.utc)
        with engine.connect() as connection:
            total = connection.execute(COUNT, {"statuses": statuses}).scalar_one()
            rows = list(connection.execute(
                PAGE, {"statuses": statuses, "limit": page_size, "offset": (page - 1) * page_size}))
            answers = _answers(connection, rows, now)
        pages = max(1, math.ceil(total / page_size))
        paging = {"total": total, "total_pages": pages, "first_page": 1, "last_page": pages, "page": page}
        if page > 1:
            paging["previous_page"] = page - 1
        if page < pages:
            paging["next_page"] = page + 1
        response = jsonify(answers)
        response.headers["X-Pagination"] = json.dumps(paging)
        return response

    @app.get("/api/products/<product_id>")
    def product(product_id):
        now = datetime.now(timezone.utc)
        with engine.connect() as connection:
            row = connection.execute(ONE, {"id": product_id, "statuses": statuses}).first()
            if row is None:
                abort(404)
            answer = _answers(connection, [row], now)[0]
            seller = connection.execute(SELLER, {"seller_id": row.seller_id}).first()
        answer["seller"] = None if seller is None else {
            "seller_id": seller.seller_id,
            "display_name": seller.display_name,
            "rating_average": None if seller.average is None else float(seller.average),
            "rating_count": seller.review_count or 0,
        }
        response = jsonify(answer)
        response.headers["ETag"] = f'"{row.version}"'
        return response

    return app
