"""Playwright helpers shared by the browser tests, the screenshots and the bench: launch, sign in, settle."""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from bench.served import AXE, DEMO_PASSWORD, chromium_path

# True while Dash still has work in flight: the initial loading screen, pending callbacks,
# dcc.Loading spinners, or components marked loading by the renderer.
_BUSY = """() => Boolean(document.querySelector(
  '._dash-loading, ._dash-loading-callback, .dash-spinner, [data-dash-is-loading="true"]'))
  || !document.querySelector('#react-entry-point')"""


def launch(playwright: Any) -> Any:
    """Debian's Chromium, never a downloaded one."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium is not installed: run `make browser-deps`")
    return playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])


def new_context(browser: Any, *, width: int = 1400, height: int = 1000) -> Any:
    """A browser context as a user's: 1400 px wide; CSP bypassed only so axe-core can be injected."""
    return browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True, locale="en-GB")


def login(context: Any, base_url: str, email: str, password: str = DEMO_PASSWORD) -> Any:
    """Sign in through the real form; returns the page, settled on wherever the portal lands."""
    page = context.new_page()
    page.goto(f"{base_url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if "/login" in page.url:
        raise AssertionError(f"sign-in as {email} failed: {page.inner_text('body')[:500]}")
    settle(page)
    return page


_QUIET = f"""(quietMs) => {{
  const now = performance.now();
  if (({_BUSY})()) {{ window.__portalQuietSince = null; return false; }}
  if (!window.__portalQuietSince) {{ window.__portalQuietSince = now; }}
  return now - window.__portalQuietSince >= quietMs;
}}"""
_WHAT_IS_BUSY = """() => Array.from(document.querySelectorAll(
  '._dash-loading, ._dash-loading-callback, .dash-spinner, [data-dash-is-loading="true"]'))
  .slice(0, 5).map(e => e.outerHTML.slice(0, 160))"""


def settle(page: Any, timeout: float = 90_000, quiet_ms: int = 600) -> None:
    """Wait until Dash has had no callback in flight and no spinner for `quiet_ms` (pages that poll
    with dcc.Interval never reach network idle, so that is only tried briefly)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_load_state("load", timeout=timeout)
    page.evaluate("() => { window.__portalQuietSince = null; }")
    try:
        page.wait_for_function(_QUIET, arg=quiet_ms, timeout=timeout, polling=100)
    except PlaywrightTimeout as exc:
        busy = page.evaluate(_WHAT_IS_BUSY)
        raise AssertionError(
            f"{page.url} did not settle in {timeout / 1000:.0f} s; still busy: {busy}"
        ) from exc
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle", timeout=2_000)


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    settle(page)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it stands (WCAG 2.x A/AA and best practice rules)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                summary: (n.failureSummary || '').slice(0, 300)}))}));
        }"""
    )
    return list(result)


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def to_json(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, indent=1)
