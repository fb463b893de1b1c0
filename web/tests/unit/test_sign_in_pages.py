"""Signing in through the pages: where each step leads, and what a page needs before it shows."""
from __future__ import annotations


def test_a_seller_page_sends_someone_signed_out_to_sign_in_and_back(client):
    answer = client.get("/seller?from=mail")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/login?next=/seller%3Ffrom%3Dmail"


def test_a_customer_cannot_open_the_seller_center(client, api):
    api.signed_in_as("customer")
    assert client.get("/seller").status_code == 403


def test_after_signing_in_the_account_language_is_taken(client, api):
    api.signed_in_as("seller", seller_id="s1")
    api.answers["/api/accounts/me"] = {"language": "en"}
    answer = client.get("/signed-in?next=/seller/orders")
    assert answer.headers["Location"] == "/seller/orders"
    assert "lang=en" in answer.headers["Set-Cookie"]


def test_signing_in_never_leads_to_another_site(client, api):
    api.signed_in_as("customer")
    api.answers["/api/accounts/me"] = {"language": "ko"}
    for elsewhere in ("//evil.example/x", "https://evil.example", "/\\evil.example"):
        assert client.get(f"/signed-in?next={elsewhere}").headers["Location"] == "/"


def test_a_sign_in_waiting_for_its_second_factor_is_not_signed_in(client, api):
    api.answers["/api/session"] = {"account_id": "a1", "roles": ["seller"], "second_factor_required": True}
    assert client.get("/seller").headers["Location"].startswith("/login?next=")


def test_pages_forbid_framing_and_inline_scripts(client, api):
    api.answers["/api/products"] = []
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"


def test_no_page_template_holds_an_inline_script():
    from pathlib import Path

    import web

    inline = [str(path.name) for path in (Path(web.__file__).parent / "templates").rglob("*.html")
              if "<script>" in path.read_text()]
    assert inline == []


def test_the_second_step_page_carries_the_pending_sessions_csrf_token(client, api):
    api.answers["/api/session"] = {"account_id": "a1", "roles": ["seller"], "second_factor_required": True,
                                   "csrf_token": "pending-csrf"}
    page = client.get("/login/second-factor?methods=totp").get_data(as_text=True)
    assert '<meta name="csrf-token" content="pending-csrf">' in page
