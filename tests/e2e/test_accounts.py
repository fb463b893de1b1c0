"""Accounts through the gateway: a new device's sign-in (A3), password change (A6), deactivation and recovery (A7),
seller documents (A2)."""
from sqlalchemy import create_engine, select

from servicekit.bus.tables import outbox
from servicekit.migrations import sqlalchemy_url

NEW_PASSWORD = "Fresh-Harbor-77$"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def events_of(platform, service: str, event_type: str) -> list[dict]:
    engine = create_engine(sqlalchemy_url(platform.database_url(service)))
    with engine.connect() as connection:
        payloads = list(connection.execute(select(outbox.c.payload)).scalars())
    engine.dispose()
    return [payload for payload in payloads if payload["type"] == event_type]


def test_a_sign_in_from_a_new_device_is_mailed_to_the_owner(new_customer, new_client, smtp_mailbox):
    customer = new_customer()

    assert new_client().login(customer.email, customer.password).status_code == 201

    notice = smtp_mailbox.wait_for_message(customer.email, contains="새로 로그인했습니다")
    assert "python-requests" in notice.get_content()


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one(new_customer, new_client):
    laptop = new_customer()
    phone = new_client()
    assert phone.login(laptop.email, laptop.password).status_code == 201

    changed = laptop.post(
        "/api/accounts/me/password", json={"current_password": laptop.password, "new_password": NEW_PASSWORD}
    )

    assert changed.status_code == 204, changed.text
    assert "X-Revoke-Sessions" not in changed.headers
    assert laptop.get("/api/accounts/me").status_code == 200
    assert phone.get("/api/accounts/me").status_code == 401
    assert new_client().login(laptop.email, NEW_PASSWORD).status_code == 201


def test_a_deactivated_account_is_recovered_with_a_mailed_code_and_a_new_password(
    platform, new_customer, new_client, mail_code
):
    customer = new_customer()

    deactivated = customer.post("/api/accounts/me/deactivation", json={"password": customer.password})
    assert deactivated.status_code == 204, deactivated.text
    assert customer.get("/api/accounts/me").status_code == 401
    assert new_client().login(customer.email, customer.password).status_code == 401

    stranger = new_client()
    assert stranger.post("/api/account-recoveries", json={"login": customer.email}).status_code == 202
    code = mail_code(customer.email, "계정 복구 인증번호")
    recovered = stranger.post(
        "/api/account-recoveries/confirm", json={"login": customer.email, "code": code, "new_password": NEW_PASSWORD}
    )

    assert recovered.status_code == 204, recovered.text
    assert new_client().login(customer.email, NEW_PASSWORD).status_code == 201
    account_id = customer.account_id
    assert any(e["data"]["account_id"] == account_id for e in events_of(platform, "auth", "AccountDeactivated"))
    reactivated = [e for e in events_of(platform, "auth", "AccountReactivated") if e["data"]["account_id"] == account_id]
    assert reactivated and reactivated[0]["data"]["previous_status"] == "deactivated"


def test_a_business_seller_uploads_a_certificate_and_a_rejection_names_the_reason(
    platform, admin, new_client, smtp_mailbox, mail_code
):
    seller = new_client()
    email = f"shop-{__import__('uuid').uuid4().hex[:10]}@example.com"
    registration = {
        "email": email, "phone": f"010{__import__('uuid').uuid4().int % 10**8:08d}", "password": NEW_PASSWORD,
        "name": "Choi Yuna", "birth_date": "1985-02-03", "seller_type": "corporation",
        "business_name": "Hanok Ceramics", "business_registration_number": "220-81-62517",
    }
    assert seller.post("/api/sellers", json=registration).status_code == 202
    verified = seller.post("/api/accounts/verification", json={"login": email, "code": mail_code(email, "회원가입 인증번호")})
    seller_id = verified.json()["seller_id"]
    assert seller.login(email, NEW_PASSWORD).status_code == 201

    too_early = admin.post(f"/api/sellers/{seller_id}/decision", json={"decision": "approve"})
    uploaded = seller.request(
        "POST", f"/api/sellers/{seller_id}/documents",
        files={"file": ("certificate.pdf", PDF, "application/pdf")}, data={"kind": "business_registration_certificate"},
    )
    documents = admin.get(f"/api/sellers/{seller_id}/documents").json()
    downloaded = admin.get(f"/api/sellers/{seller_id}/documents/{documents[0]['id']}")
    rejected = admin.post(
        f"/api/sellers/{seller_id}/decision", json={"decision": "reject", "reason": "The certificate is unreadable."}
    )

    assert too_early.status_code == 409 and too_early.json()["type"].endswith("certificate-missing")
    assert uploaded.status_code == 201, uploaded.text
    assert downloaded.status_code == 200 and downloaded.content == PDF
    assert downloaded.headers["Content-Disposition"].startswith("attachment")
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert any(e["data"]["seller_id"] == seller_id for e in events_of(platform, "auth", "SellerRejected"))
    # Mailed by notifications from SellerRejected, in the seller's language (Korean unless they chose otherwise).
    smtp_mailbox.wait_for_message(email, contains="사유: The certificate is unreadable.", timeout=30)
    kinds = [e["kind"] for e in admin.get("/api/audit-events", params={"account_id": verified.json()["id"]}).json()]
    assert "seller_document_uploaded" in kinds and "signed_up" in kinds
