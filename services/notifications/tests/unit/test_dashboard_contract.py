"""The unread count is the notifications part of the seller dashboard: it is answered with the contract the gateway
reads it with (contracts.dashboard), so the two cannot drift apart."""
from notifications.app import create_app
from servicekit.testing.api_compatibility import served_document


def test_the_unread_count_is_answered_with_the_dashboards_contract(tmp_path):
    document = served_document(create_app, "notifications", tmp_path)

    answer = document["paths"]["/api/notifications/unread-count"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DashboardUnreadNotifications"}
    contract = document["components"]["schemas"]["DashboardUnreadNotifications"]
    assert (contract["required"], contract["properties"]["unread"]["minimum"]) == (["unread"], 0)
