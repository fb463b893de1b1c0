"""The console and the account's security in a real browser: an admin approves a seller, an agent takes an escalated
case, answers and resolves it; a customer registers a security key (a virtual authenticator: Chrome's WebAuthn
domain) and signs in with it through the pages. (Every console and account page in both languages: test_main_pages.)"""
from __future__ import annotations

import uuid


from servicekit.testing import wait_for
from browser.conftest import screenshot, serious_accessibility_violations
from conftest import PASSWORD, new_email, new_phone, verify_sign_up
from e2e.journey import list_product


def pending_seller(client, mailbox) -> str:
    """A seller registration waiting for an admin's decision; its seller id."""
    email = new_email("seller")
    registered = client.post("/api/sellers", json={"email": email, "phone": new_phone(), "password": PASSWORD,
                                                   "name": "Lee Dawon", "birth_date": "1991-02-03",
                                                   "seller_type": "individual"})
    assert registered.status_code == 202, registered.text
    return verify_sign_up(client, mailbox, email)["seller_id"]


def escalated_case(seller, customer, subject: str) -> str:
    """A customer's question on the seller's product, which the seller hands to the platform."""
    product = list_product(seller, name="Jeju green tea")

    def opened():
        answer = customer.post("/api/inquiries", json={"inquiry_type": "product", "subject": subject,
                                                        "body": "When does it ship?", "product_id": product["id"]})
        # Support hears of the product by an event: until then the product is unknown to it.
        return answer.json()["id"] if answer.status_code == 201 else None

    inquiry_id = wait_for(opened, what="support to learn of the product")
    escalated = seller.post(f"/api/inquiries/{inquiry_id}/escalation", json={"reason": "Carrier dispute"})
    assert escalated.status_code in (200, 201), escalated.text
    return inquiry_id


def test_an_admin_approves_a_seller_and_an_agent_resolves_an_escalated_case(
        pages, new_client, smtp_mailbox, staff_admin, new_seller, new_customer, new_agent):
    seller_id = pending_seller(new_client(), smtp_mailbox)
    page = pages.open(staff_admin, path="/console/seller-approvals")
    assert page.get_by_role("heading", level=1).inner_text() == "판매자 승인"
    screenshot(page, "console-seller-approvals")
    page.goto(f"/console/seller-approvals/{seller_id}")
    screenshot(page, "console-seller-approval")
    assert serious_accessibility_violations(page) == []
    page.locator("#decision button[value=approve]").click()
    page.wait_for_url("**/console/seller-approvals")
    assert staff_admin.get(f"/api/sellers/{seller_id}").json()["status"] == "approved"

    subject = f"Shipping question {uuid.uuid4().hex[:6]}"
    inquiry_id = escalated_case(new_seller(), new_customer(), subject)
    agent = new_agent()
    page = pages.open(agent, path=f"/console/inquiries?q={subject}")
    page.get_by_role("link", name=subject).click()
    page.wait_for_url(f"**/console/inquiries/{inquiry_id}")
    take = page.locator("#assign-form button[type=submit]")
    if take.count():  # unless routing gave it to this agent already
        with page.expect_navigation():
            take.click()
    page.locator("#answer-body").fill("It ships tomorrow morning; the carrier confirmed it.")
    with page.expect_navigation():
        page.locator("#answer-form button[type=submit]").click()
    page.locator("#resolve-reason").select_option("answered_question")
    screenshot(page, "console-inquiry")
    assert serious_accessibility_violations(page) == []
    with page.expect_navigation():
        page.locator("#status-form button[value=resolved]").click()
    case = agent.get(f"/api/inquiries/{inquiry_id}").json()
    assert case["status"] == "resolved" and case["resolution_reason"] == "answered_question"
    assert any(message["author_role"] == "agent" for message in case["messages"])


def virtual_authenticator(page) -> None:
    """A security key inside the browser (Chrome DevTools' WebAuthn domain) that answers without a touch."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True}})


def test_a_security_key_is_enrolled_and_signs_in_through_the_pages(pages, platform, new_customer):
    customer = new_customer()
    # WebAuthn has sites, not addresses: the pages are opened as localhost, the platform's relying party.
    pages.base_url = platform.gateway_url.replace("127.0.0.1", "localhost")
    page = pages.open(customer, path="/account/security")
    virtual_authenticator(page)
    screenshot(page, "account-security")
    assert serious_accessibility_violations(page) == []
    page.locator("#field-key-name").fill("Laptop passkey")
    page.locator("#add-key button[type=submit]").click()
    codes = page.locator("[data-recovery-codes]")
    refused = page.locator("#add-key [data-form-error]")
    # Three calls to the API and the key's answer: on a loaded machine this takes longer than a page.
    page.locator("[data-recovery-codes]:visible, #add-key [data-form-error]:visible").first.wait_for(timeout=60_000)
    assert refused.is_hidden(), refused.inner_text()
    assert codes.locator("li").count() == 10
    screenshot(page, "account-security-recovery-codes")
    assert "webauthn" in customer.get("/api/second-factors").json()["methods"]

    page.locator("form[data-sign-out] button").click()
    page.wait_for_url(f"{pages.base_url}/")
    page.goto("/login")
    page.locator("#field-login").fill(customer.email)
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#sign-in button[type=submit]").click()
    page.wait_for_url("**/login/second-factor**")
    screenshot(page, "sign-in-security-key")
    page.locator("[data-security-key]").click()
    page.wait_for_url(lambda url: "/login" not in url and "/signed-in" not in url)
    page.goto("/account/security")
    assert page.get_by_role("cell", name="Laptop passkey", exact=True).is_visible()
