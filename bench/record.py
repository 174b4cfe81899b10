"""What the browser really asks: every page's callback requests, recorded in Chromium for each role."""

from __future__ import annotations

import json
import time
from typing import Any

from bench.browser import launch, login, new_context, settle
from bench.served import ROLE_ACCOUNTS, page_slug, visible_pages

Recorded = dict[str, dict[str, list[dict[str, Any]]]]  # role -> page slug -> callback bodies


def record_callbacks(base_url: str, roles: list[str] | None = None) -> tuple[Recorded, dict[str, str]]:
    """For each role, open every page it may see and keep the /_dash-update-component bodies sent
    (the page router's and every data callback's), as Dash's renderer built them. Also the URLs."""
    from playwright.sync_api import sync_playwright

    recorded: Recorded = {}
    urls: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for role in roles or list(ROLE_ACCOUNTS):
            context = new_context(browser)
            page = login(context, base_url, ROLE_ACCOUNTS[role])
            bodies: list[dict[str, Any]] = []

            def keep(request: Any) -> None:
                if request.method == "POST" and "/_dash-update-component" in request.url:
                    path = "/" + request.url.split("/", 3)[3]
                    bodies.append({"path": path, "body": json.loads(request.post_data or "{}")})  # noqa: B023

            page.on("request", keep)
            recorded[role] = {}
            for spec, url in visible_pages(role):
                bodies.clear()
                page.goto(base_url + url)
                settle(page)
                # The shell's own callbacks (navigation, user) come with every page: keep them too.
                recorded[role][page_slug(spec)] = list(bodies)
                urls[page_slug(spec)] = url
            context.close()
        browser.close()
    return recorded, urls


def record_for_roles(base_url: str, recorder: str = "admin") -> tuple[Recorded, dict[str, str]]:
    """Record once as `recorder` (who sees every page) and give each role the pages it may open:
    a page's callback bodies carry only the URL and page inputs, the same whoever asks."""
    once, urls = record_callbacks(base_url, roles=[recorder])
    pages = once[recorder]
    recorded = {
        role: {
            page_slug(spec): pages[page_slug(spec)]
            for spec, _ in visible_pages(role)
            if page_slug(spec) in pages
        }
        for role in ROLE_ACCOUNTS
    }
    return recorded, urls


def first_render(base_url: str, *, runs: int = 5, role: str = "admin") -> list[float]:
    """Seconds from navigation start to the overview's cause cards being visible, signed in."""
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = new_context(browser)
        page = login(context, base_url, ROLE_ACCOUNTS[role])
        page.goto(base_url + "/performance")
        for _ in range(runs):
            page.goto("about:blank")
            started = time.perf_counter()
            page.goto(base_url + "/", wait_until="commit")
            page.wait_for_selector("#overview-causes .cause-card", state="visible", timeout=30_000)
            in_page = page.evaluate("() => performance.now()")  # ms since this navigation started
            timings.append(in_page / 1000 if in_page > 0 else time.perf_counter() - started)
        context.close()
        browser.close()
    return timings
