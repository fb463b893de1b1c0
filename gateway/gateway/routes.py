"""Which upstream service answers each public /api path."""
from __future__ import annotations

import re

# Prefixes match whole path segments: /api/products/42 goes to catalog, /api/productsx nowhere.
ROUTES: tuple[tuple[str, str], ...] = (
    ("/api/accounts", "auth"),
    ("/api/sellers", "auth"),
    ("/api/password-resets", "auth"),
    ("/api/account-recoveries", "auth"),
    ("/api/second-factors", "auth"),
    ("/api/audit-events", "auth"),
    ("/api/products", "catalog"),
    ("/api/categories", "catalog"),
    ("/api/shipping-settings", "catalog"),
    ("/api/shops", "catalog"),
    ("/api/visitor-statistics", "catalog"),
    ("/api/orders", "orders"),
    ("/api/shipments", "orders"),
    ("/api/claims", "orders"),
    ("/api/points", "orders"),
    ("/api/coupons", "orders"),
    ("/api/sales-statistics", "orders"),
    ("/api/inquiries", "support"),
    ("/api/support-agents", "support"),
    ("/api/campaign-windows", "support"),
    ("/api/faq", "support"),
    ("/api/cs-analytics", "support"),
    ("/api/answer-templates", "support"),
    ("/api/product-questions", "support"),
    ("/api/response-targets", "support"),
    ("/api/inquiry-statistics", "support"),
    ("/api/reviews", "reviews"),
    ("/api/review-settings", "reviews"),
    ("/api/rating-statistics", "reviews"),
    ("/api/notifications", "notifications"),
    ("/api/settlements", "settlements"),
    # Each service's part of the seller dashboard; /api/dashboard itself is the gateway's, which composes them.
    ("/api/dashboard/orders", "orders"),
    ("/api/dashboard/products", "catalog"),
    ("/api/dashboard/inquiries", "support"),
    ("/api/dashboard/reviews", "reviews"),
    ("/api/dashboard/settlements", "settlements"),
    ("/api/dashboard/seller-approvals", "auth"),
)


def upstream_for(path: str) -> str | None:
    """The name of the service that answers `path`, or None when no route covers it."""
    segments = path.split("/")
    # A dot segment could climb out of the matched prefix once something normalises the path.
    if any(segment in (".", "..") for segment in segments):
        return None
    for prefix, service in ROUTES:
        if path == prefix or path.startswith(prefix + "/"):
            return service
    return None


# Paths that take file uploads: bigger bodies than the JSON API's limit, checked again by the service.
_UPLOADS = re.compile(
    r"^/api/(sellers/[^/]+/documents|products/[^/]+/images|inquiries/[^/]+/messages|reviews)/?$"
)


def takes_uploads(method: str, path: str) -> bool:
    return method == "POST" and _UPLOADS.match(path) is not None


# Paths that answer a stream of Server-Sent Events: the proxy passes each event on as it arrives.
_EVENT_STREAMS = frozenset({"/api/notifications/stream"})


def streams_events(method: str, path: str) -> bool:
    return method == "GET" and path in _EVENT_STREAMS
