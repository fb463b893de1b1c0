"""The routing table: prefixes match whole path segments, and nothing climbs out of a prefix."""
import pytest

from gateway.routes import streams_events, takes_uploads, upstream_for


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/api/accounts", "auth"),
        ("/api/sellers/9/approval", "auth"),
        ("/api/products", "catalog"),
        ("/api/products/", "catalog"),
        ("/api/orders/1/claims", "orders"),
        ("/api/inquiries", "support"),
        ("/api/reviews/5", "reviews"),
        ("/api/password-resets/confirm", "auth"),
        ("/api/account-recoveries", "auth"),
        ("/api/second-factors/totp", "auth"),
        ("/api/audit-events", "auth"),
        ("/api/categories", "catalog"),
        ("/api/shipping-settings/7", "catalog"),
        ("/api/shops/7", "catalog"),
        ("/api/visitor-statistics/export", "catalog"),
        ("/api/inquiry-statistics", "support"),
        ("/api/rating-statistics", "reviews"),
        ("/api/notifications", "notifications"),
        ("/api/notifications/unread-count", "notifications"),
        ("/api/settlements", "settlements"),
        ("/api/settlements/payouts/p-1/export", "settlements"),
        ("/api/settlements/bank-account", "settlements"),
        ("/api/dashboard/orders", "orders"),
        ("/api/dashboard/products", "catalog"),
        ("/api/dashboard/inquiries", "support"),
        ("/api/dashboard/reviews", "reviews"),
        ("/api/dashboard/settlements", "settlements"),
        ("/api/dashboard/seller-approvals", "auth"),
    ],
)
def test_a_path_goes_to_the_service_owning_its_prefix(path, service):
    assert upstream_for(path) == service


def test_the_dashboard_is_the_gateways_own_and_each_of_its_parts_a_services():
    assert upstream_for("/api/dashboard") is None
    assert upstream_for("/api/dashboard/anything-else") is None


@pytest.mark.parametrize(
    "path", ["/api/productsx", "/api/product", "/api", "/internal/authentications", "/api/orders/../accounts",
             "/api/orders/./1", "/api/settlementsx"]
)
def test_a_path_no_route_covers_goes_nowhere(path):
    assert upstream_for(path) is None


@pytest.mark.parametrize(
    ("method", "path", "uploads"),
    [
        ("POST", "/api/sellers/s-1/documents", True),
        ("POST", "/api/products/p-1/images", True),
        ("POST", "/api/products/p-1/images/", True),
        ("GET", "/api/products/p-1/images", False),
        ("POST", "/api/products/p-1/images/i-1/primary", False),
        ("POST", "/api/products", False),
        ("POST", "/api/products/p-1/reviews/images", False),
        ("POST", "/api/reviews", True),
        ("POST", "/api/reviews/r-1/reports", False),
        ("GET", "/api/reviews", False),
    ],
)
def test_only_posts_of_documents_product_images_and_reviews_take_uploads(method, path, uploads):
    assert takes_uploads(method, path) is uploads


@pytest.mark.parametrize(
    ("method", "path", "streams"),
    [
        ("GET", "/api/notifications/stream", True),
        ("POST", "/api/notifications/stream", False),
        ("GET", "/api/notifications", False),
        ("GET", "/api/notifications/stream/x", False),
    ],
)
def test_only_getting_the_notification_stream_answers_a_stream_of_events(method, path, streams):
    assert streams_events(method, path) is streams
