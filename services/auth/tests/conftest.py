"""Fixtures of the auth tests: servicekit's for a service (its database of this run, app, client, consumer)."""
import os
from pathlib import Path

# argon2's cheapest parameters for the hashes these tests make, set before auth is imported (auth.domain.passwords).
os.environ.setdefault("AUTH_PASSWORD_HASHING", "cheapest")

from auth.app import create_app
from auth.events import handlers
from servicekit.testing.plugin import service_fixtures

auth_runtime, auth_app, auth_client, auth_consumer = service_fixtures(
    "auth", Path(__file__).resolve().parents[1], create_app, handlers
)
