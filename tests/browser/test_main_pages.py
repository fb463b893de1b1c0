"""Every main page, as the person it is for, in Korean (desktop) and English (phone): it opens (no error page, no
script error, no CSP violation), axe-core finds nothing serious or critical, and its screenshot is kept under
var/screenshots/<language>."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.conftest import screenshot, serious_accessibility_violations
from e2e.journey import list_product, place_order, settled

STOREFRONT = ["/", "/products", "/faq", "/cart", "/login", "/signup", "/password-reset", "/sellers/apply"]
CUSTOMER = ["/orders", "/inquiries", "/inquiries/new", "/points", "/notifications", "/settings/notifications",
            "/account", "/account/security", "/account/sessions", "/checkout"]
SELLER = ["/seller/dashboard", "/seller/products", "/seller/products/new", "/seller/orders", "/seller/claims",
          "/seller/inquiries", "/seller/questions", "/seller/faq", "/seller/reviews", "/seller/statistics",
          "/seller/settlement", "/seller/settlement/bank-account", "/seller/notifications", "/seller/settings",
          "/seller/settings/shipping"]
CONSOLE = ["/console/seller-approvals", "/console/inquiries", "/console/account-recoveries", "/console/metrics",
           "/console/response-targets", "/console/campaign-windows", "/console/faq", "/console/faq-synonyms",
           "/console/reviews", "/console/payout-holds",
           "/console/notifications"]


def looked_at(page: Page, path: str) -> list[str]:
    """Open `path`, keep its screenshot, and say what is wrong with it: an error page, axe's findings, not one h1,
    or a page wider than the screen (a phone would scroll it sideways)."""
    answer = page.goto(path)
    name = path.strip("/").replace("/", "-") or "home"
    screenshot(page, f"page-{name}")
    problems = [f"{path}: {finding}" for finding in serious_accessibility_violations(page)]
    if answer is None or answer.status >= 400:
        problems.append(f"{path}: answered {answer and answer.status}")
    if page.locator("h1").count() != 1:
        problems.append(f"{path}: {page.locator('h1').count()} h1 headings")
    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"):
        problems.append(f"{path}: wider than the screen")
    return problems


@pytest.fixture
def shop(new_seller, new_customer):
    """A seller with a product and a customer who bought it, so lists have something in them."""
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, name="제주 녹차 100g", price=15000)
    placed = place_order(customer, product, 1)
    assert placed.status_code == 202, placed.text
    settled(customer, placed.json()["id"])
    return seller, customer


def test_every_main_page_opens_for_its_people_in_both_languages_and_passes_axe(pages, shop, staff_admin):
    seller, customer = shop
    problems = []
    # Korean at a desktop's width, English at a phone's: each page is seen in both languages and both widths.
    for language, phone in (("ko", False), ("en", True)):
        for person, paths in ((None, STOREFRONT), (customer, CUSTOMER), (seller, SELLER), (staff_admin, CONSOLE)):
            page = pages.open(person, language=language, phone=phone)
            for path in paths:
                problems += looked_at(page, path)
    assert problems == []
