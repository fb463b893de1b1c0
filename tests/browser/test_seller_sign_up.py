"""A seller's start, all through the pages: signing up with the mailed code, sending the business certificate, an
admin's approval in the console, enrolling an authenticator app from its QR code's key, and signing in with it
into the seller center."""
from __future__ import annotations

import re
import time
import uuid

import pyotp
from playwright.sync_api import expect

from servicekit.testing import wait_for
from browser.conftest import sign_in
from conftest import PASSWORD, mailed_code, new_phone

CERTIFICATE = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_a_seller_signs_up_is_approved_enrols_an_authenticator_and_signs_in(pages, smtp_mailbox, staff_admin):
    email = f"shop-{uuid.uuid4().hex[:10]}@example.com"
    page = pages.open(path="/sellers/apply")
    page.locator("#field-seller_type").select_option("individual")
    page.locator("#field-name").fill("최수아")
    page.locator("#field-birth_date").fill("1992-03-04")
    page.locator("#field-email").fill(email)
    page.locator("#field-phone").fill(new_phone())
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#seller-signup button[type=submit]").click()

    page.wait_for_url("**/signup/verify**")
    page.locator("#field-code").fill(mailed_code(smtp_mailbox, email, "회원가입 인증번호"))
    page.locator("#verify button[type=submit]").click()
    page.wait_for_url("**/login**")
    page.locator("#field-login").fill(email)
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#sign-in button[type=submit]").click()
    page.wait_for_url("**/sellers/apply/documents")
    page.locator("#field-file").set_input_files(
        {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": CERTIFICATE})
    seller_id = page.request.get("/api/session").json()["seller_id"]
    page.locator("#upload-document button[type=submit]").click()
    wait_for(lambda: page.request.get(f"/api/sellers/{seller_id}/documents").json(), what="the certificate uploaded")

    console = pages.open(staff_admin, path=f"/console/seller-approvals/{seller_id}")
    console.locator("#decision button[value=approve]").click()
    console.wait_for_url("**/console/seller-approvals")
    assert staff_admin.get(f"/api/sellers/{seller_id}").json()["status"] == "approved"

    page.goto("/account/security")
    page.locator("#totp-start button").click()
    secret = page.locator("[data-totp-secret]")
    expect(secret).not_to_be_empty()
    expect(page.locator("[data-totp-qr]")).to_have_attribute("src", re.compile(r"^data:image/svg"))
    authenticator = pyotp.TOTP(secret.inner_text().replace(" ", ""))
    page.locator("#field-totp-code").fill(authenticator.now())
    page.locator("#totp-confirm button[type=submit]").click()
    # The first second factor comes with recovery codes, shown once.
    expect(page.locator("[data-code-list] li")).to_have_count(10)

    authenticator.last_step = int(time.time()) // authenticator.interval
    returning = pages.open()
    sign_in(returning, email, PASSWORD, authenticator)
    returning.wait_for_url("**/seller/dashboard")
    expect(returning.get_by_role("heading", level=1)).to_have_text("대시보드")
