"""Fresh contacts for each test, since every test of a run shares one database."""
import random
import uuid
from datetime import date

from sqlalchemy import func, select

from auth.models import Account, Seller, SignUpRequest

STRONG_PASSWORD = "Tangerine-Harbor-42"
VALID_BRN = "220-81-62517"


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def new_phone() -> str:
    return f"010{random.randrange(10**8):08d}"


def years_ago(years: int) -> str:
    return date(date.today().year - years, 1, 1).isoformat()


def account_count(runtime) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Account)).scalar_one()


def seller_count(runtime) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Seller)).scalar_one()


def sign_up_request_count(runtime) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(SignUpRequest)).scalar_one()
