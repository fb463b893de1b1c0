"""Attacks on sessions: fixation, forged requests from other sites, sessions that were revoked."""
from .people import plant_session, problem_type, session_token


def test_a_session_id_planted_before_login_is_not_kept(new_customer, new_client):
    victim = new_customer()
    victim.logout()
    planted = "attacker-chose-this-session-id"
    plant_session(victim, planted)

    assert victim.login(victim.email, victim.password).status_code == 201

    assert session_token(victim) != planted
    attacker = new_client()
    plant_session(attacker, planted)
    assert attacker.get("/api/session").status_code == 401


def test_logging_in_over_an_existing_session_ends_it(new_customer, new_client):
    customer = new_customer()
    before = session_token(customer)

    assert customer.login(customer.email, customer.password).status_code == 201

    stale = new_client()
    plant_session(stale, before)
    assert stale.get("/api/accounts/me").status_code == 401


def test_a_state_changing_request_without_the_csrf_token_is_refused_and_changes_nothing(new_customer):
    customer = new_customer()

    forged = customer.http.post(
        customer.base_url + "/api/accounts/me/password",
        json={"current_password": customer.password, "new_password": "Another-Harbor-43!"},
    )
    wrong_token = customer.post(
        "/api/session/2fa/challenge", json={"method": "email"}, headers={"X-CSRF-Token": "guessed"}
    )

    assert forged.status_code == 403 and problem_type(forged) == "csrf-token-invalid"
    assert wrong_token.status_code == 403 and problem_type(wrong_token) == "csrf-token-invalid"
    customer.logout()
    assert customer.login(customer.email, customer.password).status_code == 201


def test_a_revoked_session_is_refused_at_once(new_customer, new_client):
    laptop = new_customer()
    phone = new_client()
    assert phone.login(laptop.email, laptop.password).status_code == 201
    devices = laptop.get("/api/session/devices").json()
    assert len(devices) == 2
    other = next(device for device in devices if not device["current"])

    assert laptop.delete(f"/api/session/devices/{other['id']}").status_code == 204

    assert phone.get("/api/accounts/me").status_code == 401
    assert laptop.get("/api/accounts/me").status_code == 200


def test_logging_out_everywhere_ends_every_session(new_customer, new_client):
    laptop = new_customer()
    phone = new_client()
    assert phone.login(laptop.email, laptop.password).status_code == 201

    assert laptop.delete("/api/session/devices").status_code == 204

    assert phone.get("/api/accounts/me").status_code == 401
    assert laptop.get("/api/accounts/me").status_code == 401


def test_devices_list_only_the_callers_own_sessions(new_customer):
    one, other = new_customer(), new_customer()

    mine = one.get("/api/session/devices").json()
    theirs = other.get("/api/session/devices").json()

    assert {d["id"] for d in mine}.isdisjoint({d["id"] for d in theirs})
    assert one.delete(f"/api/session/devices/{theirs[0]['id']}").status_code == 404
    assert other.get("/api/accounts/me").status_code == 200
