"""Pages every visitor meets, in a real browser: both languages, a phone's width, the API's errors beside the
fields in the page's language, accessibility, and signing in with the second step."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.conftest import sign_in
from conftest import PASSWORD


def test_the_language_switch_turns_the_page_english_and_is_remembered(pages):
    page = pages.open(path="/products")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/products")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("language, wrong", [("ko", "아이디 또는 비밀번호"), ("en", "password is wrong")])
def test_a_refused_sign_in_says_why_in_the_page_language_and_invalid_fields_are_marked(pages, language, wrong):
    page = pages.open(language=language, path="/login")
    page.locator("#sign-in button[type=submit]").click()
    # The API's field messages, beside each field.
    expect(page.locator("[data-error-for=login]")).to_be_visible()
    expect(page.locator("#field-login")).to_have_attribute("aria-invalid", "true")
    page.locator("#field-login").fill("nobody@example.com")
    page.locator("#field-password").fill("not-the-password")
    page.locator("#sign-in button[type=submit]").click()
    expect(page.locator("#sign-in [data-form-error]")).to_contain_text(wrong)


def test_a_seller_signs_in_with_the_authenticator_step_and_lands_in_the_seller_center(pages, new_seller):
    seller = new_seller()
    page = pages.open()
    sign_in(page, seller.email, PASSWORD, seller.authenticator)
    assert "/seller" in page.url
    assert page.locator("html").get_attribute("lang") == "ko"
