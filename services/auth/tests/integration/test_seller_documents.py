"""Sellers upload their certificate, known by its bytes and kept on disk; only they and admins read it back."""
import hashlib

import pytest

from servicekit.testing.identities import as_customer
from .customers import admin, assert_problem, audit_events_of, client_with
from .sellers import PDF, registered_seller, seller_itself, upload, upload_certificate

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.fixture(scope="module")
def small_documents_client(auth_runtime):
    with client_with(auth_runtime, document_max_bytes=1024) as client:
        yield client


def documents_url(registered, document_id=None):
    url = f"/api/sellers/{registered['seller_id']}/documents"
    return f"{url}/{document_id}" if document_id else url


def test_a_pdf_certificate_is_kept_and_listed_with_its_sniffed_type(auth_runtime, auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)

    response = upload(auth_client, seller_itself(sign_identity, registered), registered["seller_id"],
                      filename="../../etc/사업자등록증.pdf", content_type="text/plain")

    assert response.status_code == 201, response.json
    document = response.json
    assert document["content_type"] == "application/pdf"
    assert document["filename"] == "사업자등록증.pdf"
    assert (document["size_bytes"], document["sha256"]) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    listed = auth_client.get(documents_url(registered), headers=admin(sign_identity)).json
    assert [item["id"] for item in listed] == [document["id"]]
    assert len(audit_events_of(auth_runtime, registered["id"], "seller_document_uploaded")) == 1


def test_a_png_is_accepted_whatever_it_is_called(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)

    response = upload(auth_client, seller_itself(sign_identity, registered), registered["seller_id"], content=PNG,
                      filename="scan.pdf", content_type="application/pdf")

    assert response.json["content_type"] == "image/png"


def test_an_executable_renamed_pdf_is_refused(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)

    response = upload(auth_client, seller_itself(sign_identity, registered), registered["seller_id"], content=EXE,
                      filename="certificate.pdf", content_type="application/pdf")

    assert_problem(response, 422, "document-type-refused")
    assert auth_client.get(documents_url(registered), headers=admin(sign_identity)).json == []


def test_a_document_over_the_size_limit_is_refused(small_documents_client, sign_identity):
    registered = registered_seller(small_documents_client, sign_identity)
    headers = seller_itself(sign_identity, registered)

    just_over = upload(small_documents_client, headers, registered["seller_id"], content=PDF + b"\0" * 1024)
    far_over = upload(small_documents_client, headers, registered["seller_id"], content=PDF + b"\0" * 200_000)

    assert_problem(just_over, 413, "document-too-large")
    assert far_over.status_code == 413


def test_a_document_larger_than_the_usual_request_limit_is_accepted(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    two_megabytes = PDF + b"\0" * (2 * 1024 * 1024)

    response = upload(auth_client, seller_itself(sign_identity, registered), registered["seller_id"],
                      content=two_megabytes)

    assert response.status_code == 201, response.json
    assert response.json["size_bytes"] == len(two_megabytes)


def test_the_seller_and_admins_download_it_as_an_attachment_never_sniffed(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    document = upload_certificate(auth_client, sign_identity, registered)

    for headers in (seller_itself(sign_identity, registered), admin(sign_identity)):
        response = auth_client.get(documents_url(registered, document["id"]), headers=headers)
        assert response.status_code == 200
        assert response.data == PDF
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_another_seller_or_a_customer_cannot_see_or_add_documents(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    document = upload_certificate(auth_client, sign_identity, registered)
    other_seller = seller_itself(sign_identity, registered_seller(auth_client, sign_identity))
    customer = as_customer(sign_identity)

    for headers in (other_seller, customer):
        assert auth_client.get(documents_url(registered, document["id"]), headers=headers).status_code == 404
        assert auth_client.get(documents_url(registered), headers=headers).status_code == 404
        assert upload(auth_client, headers, registered["seller_id"]).status_code == 404


def test_a_document_of_another_seller_is_not_found_under_this_one(auth_client, sign_identity):
    mine = registered_seller(auth_client, sign_identity)
    theirs = registered_seller(auth_client, sign_identity)
    their_document = upload_certificate(auth_client, sign_identity, theirs)

    response = auth_client.get(documents_url(mine, their_document["id"]), headers=seller_itself(sign_identity, mine))

    assert_problem(response, 404, "document-not-found")


def test_files_on_disk_are_named_by_random_keys_not_by_the_clients_filename(auth_runtime, auth_client,
                                                                            sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    upload(auth_client, seller_itself(sign_identity, registered), registered["seller_id"], filename="evil.pdf")

    document_dir = auth_runtime.config.var_dir / "documents" / "auth"
    names = [path.name for path in document_dir.rglob("*") if path.is_file()]
    assert names and not any("evil" in name for name in names)


def test_an_unknown_kind_or_a_missing_file_is_a_422(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    headers = seller_itself(sign_identity, registered)

    unknown_kind = upload(auth_client, headers, registered["seller_id"], kind="selfie")
    no_file = auth_client.post(documents_url(registered), data={"kind": "business_registration_certificate"},
                               content_type="multipart/form-data", headers=headers)

    assert_problem(unknown_kind, 422, "validation-failed")
    assert list(unknown_kind.json["errors"]) == ["kind"]
    assert_problem(no_file, 422, "validation-failed")
    assert list(no_file.json["errors"]) == ["file"]
