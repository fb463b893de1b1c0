"""Response targets back to their defaults around a test, whatever an earlier test set."""
import pytest
from sqlalchemy import delete

from support.models.response_targets import ResponseTarget


@pytest.fixture
def default_targets(support_runtime):
    """Every type on the default targets around the test, whatever an earlier test set."""
    def back_to_defaults():
        with support_runtime.unit_of_work() as uow:
            uow.session.execute(delete(ResponseTarget))
            uow.commit()

    back_to_defaults()
    yield
    back_to_defaults()
