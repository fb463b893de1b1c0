"""The pages in a real browser: Playwright driving Debian's chromium against the whole platform.

- `pages.open(client=None, language="ko", phone=False)` opens a page in a browser context of its own: signed in as
  `client` (a GatewayClient: its session and device cookies are copied), in the given language, with a client
  address of its own (rate limits count per address). Relative URLs go to the gateway.
- Every page opened records its script errors and the Content-Security-Policy violations; `pages.close_all()`
  (done after each test) fails the test if there were any.
- `screenshot(page, name)` saves var/screenshots/<language>/<name>.png (a full page), looked at before a release.
- `serious_accessibility_violations(page)` runs axe-core (web/node_modules, from the npm registry) in the page.
- `sign_in(page, email, password, authenticator=None)` signs in through the sign-in page and its second step.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import ROOT, new_ip

SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Long enough for a page that asks several services under a loaded test run; a user would wait as long.
TIMEOUT_MS = 20_000


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        # Under CI the set-up installs it (deploy/system-packages.sh browser): its absence is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: run `bash deploy/system-packages.sh browser`")
        pytest.skip("chromium is not installed here: `bash deploy/system-packages.sh browser`")
    return found


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        # --no-sandbox: the tests may run as root (CI containers), where chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield launched
        launched.close()


class Pages:
    def __init__(self, browser: Browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[BrowserContext] = []
        self.errors: list[str] = []

    def open(self, client=None, *, language: str = "ko", phone: bool = False, path: str | None = None) -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport=PHONE if phone else DESKTOP,
            locale="ko-KR" if language == "ko" else "en-US",
            timezone_id="Asia/Seoul",
            extra_http_headers={"X-Forwarded-For": new_ip()},
        )
        context.set_default_timeout(TIMEOUT_MS)
        cookies = [{"name": "lang", "value": language, "url": self.base_url}]
        if client is not None:
            cookies += [{"name": cookie.name, "value": cookie.value, "url": self.base_url}
                        for cookie in client.http.cookies]
        context.add_cookies(cookies)
        self.contexts.append(context)
        page = context.new_page()
        page.language = language
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: self._console(page, message))
        if path:
            page.goto(path)
        return page

    def _console(self, page: Page, message) -> None:
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            self.errors.append(f"{page.url}: {text}")

    def close_all(self) -> list[str]:
        for context in self.contexts:
            context.close()
        self.contexts.clear()
        errors, self.errors = self.errors, []
        return errors


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def pages(browser, platform, request) -> Pages:
    opened = Pages(browser, platform.gateway_url)
    yield opened
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        # What each page showed when the test failed: var/screenshots/failures/<test>-<n>.png.
        for number, context in enumerate(opened.contexts):
            for page in context.pages:
                path = SCREENSHOTS / "failures" / f"{request.node.name}-{number}.png"
                path.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(path), full_page=True)
    errors = opened.close_all()
    assert errors == [], "script errors or CSP violations in the pages:\n" + "\n".join(errors)


def screenshot(page: Page, name: str) -> Path:
    path = SCREENSHOTS / page.language / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_accessibility_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on the page as it is now (WCAG 2.1 A and AA rules)."""
    # evaluate() runs outside the page's CSP, which (rightly) refuses injected scripts.
    page.evaluate(AXE.read_text())
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
          return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }"""
    )
    return list(found)


def sign_in(page: Page, email: str, password: str, authenticator=None) -> None:
    """Through the sign-in page (and its second step with the authenticator's code, when one is enrolled)."""
    page.goto("/login")
    page.locator("#field-login").fill(email)
    page.locator("#field-password").fill(password)
    page.locator("#sign-in button[type=submit]").click()
    if authenticator is not None:
        page.wait_for_url("**/login/second-factor**")
        page.locator("#authenticator-code input[name=code]").fill(unused_code(authenticator))
        page.locator("#authenticator-code button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url and "/signed-in" not in url)


def unused_code(authenticator) -> str:
    """A code the account has not used yet: auth takes each time step once (a replay is refused) and one step of
    drift, so the code is the next step's, or, once that is spent too, the one after it when its time comes."""
    step_seconds = authenticator.interval
    last = getattr(authenticator, "last_step", None)
    step = int(time.time()) // step_seconds + 1 if last is None else last + 1
    while step > int(time.time()) // step_seconds + 1:
        time.sleep(1)  # the clock itself is what is waited for: no event says a new step began
    authenticator.last_step = step
    return authenticator.at(step * step_seconds)
