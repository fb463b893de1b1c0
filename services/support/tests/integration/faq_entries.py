"""FAQ entries for the tests, written through the API by an agent, on an FAQ emptied of earlier tests' entries."""
import pytest
from sqlalchemy import update

from servicekit.testing.identities import as_agent
from support.models.faq import FaqEntry


@pytest.fixture
def empty_faq(support_runtime):
    """Earlier tests' entries unpublished, so only this test's entries answer."""
    with support_runtime.unit_of_work() as uow:
        uow.session.execute(update(FaqEntry).values(published=False))
        uow.commit()


def written(client, sign_identity, question, answer="답변입니다.", *, category="delivery", language="ko", **fields):
    body = {"category": category, "language": language, "question": question, "answer": answer, **fields}
    response = client.post("/api/faq", json=body, headers=as_agent(sign_identity))
    assert response.status_code == 201, response.json
    return response.json
