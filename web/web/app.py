"""create_app(): the pages' Flask app, its language, the public API it reads, and what a refused call shows."""
from __future__ import annotations

from urllib.parse import quote

from flask import Flask, g, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from servicekit.health import init_health
from servicekit.logs import configure_logging
from servicekit.metrics import init_metrics
from servicekit.request_ids import init_request_ids
from web.languages import init_languages
from web.links import init_links
from web.pages import account, console, seller, storefront
from web.pages import seller_dashboard, seller_notifications, seller_orders, seller_products
from web.pages import cart, help, my_inquiries, my_notifications, my_orders, my_points, product_page
from web.pages import review_writing, signup
from web.pages import account_profile, account_security, account_sessions, password_reset
from web.pages import console_faq, console_inquiries, console_metrics, console_notifications, console_reviews
from web.pages import console_payout_holds, console_sellers, console_targets
from web.pages import seller_faq, seller_inquiries, seller_questions, seller_reviews, seller_statistics
from web.pages import seller_settlement
from web.public_api import ApiProblem, PublicApi, SecondFactorRequired, SignInRequired
from web.settings import WebSettings
from web.viewers import csrf_token, current_viewer


def create_app(settings: WebSettings | None = None, api: PublicApi | None = None) -> Flask:
    settings = settings or WebSettings.from_env()
    configure_logging("web", settings.log_level, settings.log_json)
    app = Flask("web")
    app.extensions["web_settings"] = settings
    app.extensions["public_api"] = api or PublicApi(settings.api_url, settings.api_timeout_seconds)
    init_request_ids(app)
    init_metrics(app, "web")
    # Ready when it can serve pages; the API behind them has readiness of its own.
    init_health(app, {})
    init_languages(app)
    init_links(app)
    for part in (storefront, account, seller, console):
        app.register_blueprint(part.blp)
    for part in (seller_dashboard, seller_products, seller_orders, seller_notifications):
        app.register_blueprint(part.blp)
    for part in (product_page, cart, my_orders, review_writing, my_inquiries, help, my_points, my_notifications):
        app.register_blueprint(part.blp)
    for part in (signup,):
        app.register_blueprint(part.blp)
    for part in (account_profile, account_security, account_sessions, password_reset):
        app.register_blueprint(part.blp)
    for part in (console_sellers, console_inquiries, console_metrics, console_targets, console_faq, console_reviews,
                 console_notifications, console_payout_holds):
        app.register_blueprint(part.blp)
    for part in (seller_inquiries, seller_questions, seller_faq, seller_reviews, seller_statistics, seller_settlement):
        app.register_blueprint(part.blp)
    app.context_processor(lambda: {"viewer": current_viewer(), "language": g.language, "csrf_token": csrf_token})
    _init_refusals(app)
    app.after_request(_protect_page)
    return app


# Scripts, styles, images and API calls from this site alone; no inline script, no framing (clickjacking).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def _protect_page(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        # Pages show a person's own orders and messages: never kept by a shared cache or the back button's store.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _init_refusals(app: Flask) -> None:
    """What a person sees when the API refuses what a page asked."""

    @app.errorhandler(SignInRequired)
    def _sign_in(_problem):
        return redirect(f"/login?next={quote(request.full_path.rstrip('?'))}")

    @app.errorhandler(SecondFactorRequired)
    def _second_factor(problem):
        if problem.status == 401:
            return redirect(f"/login/second-factor?next={quote(request.full_path.rstrip('?'))}")
        return redirect(f"/account/security?needed=1&next={quote(request.full_path.rstrip('?'))}")

    @app.errorhandler(ApiProblem)
    def _refused(problem):
        status = problem.status if problem.status in (403, 404, 409, 410) else 502 if problem.status >= 500 else 400
        return render_template("error.html", status=status, detail=problem.detail), status

    @app.errorhandler(HTTPException)
    def _http(exc):
        return render_template("error.html", status=exc.code, detail=None), exc.code
