"""What the migration tests start from: the service's folder, a database on SQLite and one on PostgreSQL,
and the columns every inquiry row needs."""
from pathlib import Path

import pytest

SERVICE_DIR = Path(__file__).resolve().parents[2]
INQUIRY_COLUMNS = ("id", "customer_id", "customer_name", "inquiry_type", "subject", "status", "owner", "escalated",
                   "first_response_due_at", "resolution_due_at", "created_at", "updated_at")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, infrastructure):
    """A migration runs on both databases the service is deployed with; each test has its own."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'support.db'}"
    return infrastructure.database(f"support_{request.module.__name__.rpartition('.test_')[2]}")
