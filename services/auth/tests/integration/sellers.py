"""Seller registrations made through the public API, the seller's own identity, and their documents."""
from io import BytesIO

from .customers import verify_sign_up
from .people import STRONG_PASSWORD, VALID_BRN, new_email, new_phone, years_ago

CERTIFICATE = "business_registration_certificate"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def registration(**overrides):
    body = {
        "email": new_email(),
        "phone": new_phone(),
        "password": STRONG_PASSWORD,
        "name": "Park Jisoo",
        "birth_date": years_ago(30),
        "seller_type": "sole_proprietor",
        "business_name": "Jisoo Tea House",
        "business_registration_number": VALID_BRN,
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def register(client, sign_identity, **overrides):
    return client.post("/api/sellers", json=registration(**overrides), headers=sign_identity())


def registered_seller(client, sign_identity, **overrides) -> dict:
    """A seller's account, registered and confirmed with the code mailed to it, with its `seller_id`."""
    email = overrides.setdefault("email", new_email())
    response = register(client, sign_identity, **overrides)
    assert response.status_code == 202, response.json
    return verify_sign_up(client, sign_identity, email)


def seller_itself(sign_identity, registered):
    return sign_identity(subject=registered["id"], roles=["seller"], seller_id=registered["seller_id"])


def decide(client, headers, seller_id, decision, reason=None):
    body = {"decision": decision} if reason is None else {"decision": decision, "reason": reason}
    return client.post(f"/api/sellers/{seller_id}/decision", json=body, headers=headers)


def upload(client, headers, seller_id, content=PDF, filename="certificate.pdf", content_type="application/pdf",
           kind=CERTIFICATE):
    return client.post(
        f"/api/sellers/{seller_id}/documents",
        data={"kind": kind, "file": (BytesIO(content), filename, content_type)},
        content_type="multipart/form-data",
        headers=headers,
    )


def upload_certificate(client, sign_identity, registered):
    response = upload(client, seller_itself(sign_identity, registered), registered["seller_id"])
    assert response.status_code == 201, response.json
    return response.json
