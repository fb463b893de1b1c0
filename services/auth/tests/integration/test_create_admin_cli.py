"""`python -m auth.cli create-admin` seeds an admin, and `create-agent` a support agent, who can then authenticate."""
import pytest

from auth.cli import main
from .people import STRONG_PASSWORD, new_email


@pytest.fixture
def auth_env(auth_runtime, monkeypatch):
    config = auth_runtime.config
    monkeypatch.setenv("AUTH_DATABASE_URL", config.database_url)
    monkeypatch.setenv("MARKETPLACE_VAR_DIR", str(config.var_dir))


def test_create_admin_prints_the_id_of_an_admin_who_can_authenticate(auth_env, auth_client, sign_identity, capsys):
    email = new_email()

    assert main(["create-admin", "--email", email, "--password", STRONG_PASSWORD, "--name", "Ops"]) == 0

    account_id = capsys.readouterr().out.strip()
    response = auth_client.post("/internal/authentications", json={"login": email, "password": STRONG_PASSWORD},
                                headers=sign_identity(subject="gateway", roles=["gateway"]))
    assert response.json["account_id"] == account_id
    assert response.json["roles"] == ["admin"]


def test_create_agent_prints_the_id_of_a_support_agent_who_can_authenticate(auth_env, auth_client, sign_identity,
                                                                           capsys):
    email = new_email()

    assert main(["create-agent", "--email", email, "--password", STRONG_PASSWORD, "--name", "Jiwoo"]) == 0

    account_id = capsys.readouterr().out.strip()
    response = auth_client.post("/internal/authentications", json={"login": email, "password": STRONG_PASSWORD},
                                headers=sign_identity(subject="gateway", roles=["gateway"]))
    assert response.json["account_id"] == account_id
    assert response.json["roles"] == ["agent"]


def test_create_agent_refuses_an_existing_email(auth_env, capsys):
    email = new_email()
    assert main(["create-admin", "--email", email, "--password", STRONG_PASSWORD]) == 0
    capsys.readouterr()

    assert main(["create-agent", "--email", email, "--password", STRONG_PASSWORD]) == 1
    assert "create-agent:" in capsys.readouterr().err


def test_create_admin_refuses_an_existing_email_unless_asked_to_skip_it(auth_env, capsys):
    email = new_email()
    assert main(["create-admin", "--email", email, "--password", STRONG_PASSWORD]) == 0
    capsys.readouterr()

    assert main(["create-admin", "--email", email, "--password", STRONG_PASSWORD]) == 1
    assert "already exists" in capsys.readouterr().err

    assert main(["create-admin", "--email", email, "--password", STRONG_PASSWORD, "--if-missing"]) == 0
    assert capsys.readouterr().out == ""


def test_create_admin_applies_the_password_policy(auth_env, capsys):
    assert main(["create-admin", "--email", new_email(), "--password", "admin"]) == 1
    assert "Include a digit." in capsys.readouterr().err


def test_create_admin_refuses_what_is_not_an_email(auth_env, capsys):
    assert main(["create-admin", "--email", "root", "--password", STRONG_PASSWORD]) == 1
    assert "not an email address" in capsys.readouterr().err
