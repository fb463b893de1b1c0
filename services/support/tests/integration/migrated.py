"""What the migration tests start from: the service's folder and the columns every inquiry row needs (their
databases, on SQLite and on PostgreSQL, come from servicekit.testing's each_database_url)."""
from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parents[2]
INQUIRY_COLUMNS = ("id", "customer_id", "customer_name", "inquiry_type", "subject", "status", "owner", "escalated",
                   "first_response_due_at", "resolution_due_at", "created_at", "updated_at")
