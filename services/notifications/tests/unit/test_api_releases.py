"""Every released version of the notifications API is still served: the HTTP API only gains paths and fields."""
from pathlib import Path

from notifications.app import create_app
from servicekit.testing.api_compatibility import breaking_changes, released_documents, served_document

RELEASES = Path(__file__).parents[2] / "api-releases"


def test_every_released_version_of_the_api_is_still_served(tmp_path):
    current = served_document(create_app, "notifications", tmp_path)
    for version, released in released_documents(RELEASES).items():
        assert breaking_changes(released, current) == [], f"the notifications API breaks clients of {version}"
