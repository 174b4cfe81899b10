"""Regenerate docs/screenshots/<page>-<role>.png: every registry page for every role that may see it,
full page, 1400 px wide, against a freshly served demo portal (`make screenshots`)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.browser import launch, login, new_context, open_page  # noqa: E402
from bench.served import ROLE_ACCOUNTS, ServedPortal, page_slug, visible_pages  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--role", action="append", choices=list(ROLE_ACCOUNTS), help="only these roles")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    options.out.mkdir(parents=True, exist_ok=True)
    written = 0
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        print("Serving a fresh demo portal (migrate, demo with figures)…")
        with ServedPortal(Path(tmp), worker=False) as portal, sync_playwright() as playwright:
            browser = launch(playwright)
            for role in options.role or list(ROLE_ACCOUNTS):
                context = new_context(browser)
                page = login(context, portal.url, ROLE_ACCOUNTS[role])
                for spec, url in visible_pages(role):
                    open_page(page, portal.url + url)
                    page.wait_for_timeout(300)  # chart transitions
                    target = options.out / f"{page_slug(spec)}-{role}.png"
                    page.screenshot(path=str(target), full_page=True)
                    shrink(target)
                    written += 1
                    print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                context.close()
            browser.close()
            written += board_pack_pages(portal, Path(tmp), options.out)
    print(f"{written} screenshots in {options.out}")


def shrink(path: Path) -> None:
    """128 colours, no dithering: the pages are flat colours and text, and the files a third the size."""
    from PIL import Image

    with Image.open(path) as image:
        flat = image.convert("RGB").quantize(
            colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    flat.save(path, optimize=True)


def board_pack_pages(portal: ServedPortal, tmp: Path, out: Path) -> int:
    """Every page of the demo's board pack (`portal board-pack --as-of 2024-02-25`) as Word would print
    it, through LibreOffice and poppler when they are installed (neither is needed to run the portal)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        print("  board pack pages skipped: install LibreOffice (soffice) and poppler-utils (pdftoppm)")
        return 0
    pack = tmp / "board-pack.docx"
    portal.portal("board-pack", "--as-of", "2024-02-25", "--out", str(pack))
    convert = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(pack)]
    subprocess.run(convert, check=True, capture_output=True, timeout=300)  # noqa: S603 - fixed arguments
    for old in out.glob("board-pack-*.png"):
        old.unlink()
    pages = [pdftoppm, "-r", "60", "-png", str(pack.with_suffix(".pdf")), str(out / "board-pack-p")]
    subprocess.run(pages, check=True, capture_output=True, timeout=300)  # noqa: S603 - fixed arguments
    written = sorted(out.glob("board-pack-p-*.png"))
    print(f"  board pack: {len(written)} pages as {out.name}/board-pack-p-NN.png")
    return len(written)


if __name__ == "__main__":
    main()
