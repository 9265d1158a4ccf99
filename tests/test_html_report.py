"""`recommend --format html`: one self-contained decision report.

The structure is checked on every scenario without a browser; then a real browser (Debian's
Chromium, driven by Playwright) opens reports and checks that each renders without script
errors or network requests, that the verdict and every listed model are visible on a desktop, on
a phone and in print, and that the screenshot is not blank.  Where Chromium or Playwright is
missing the browser tests skip, saying so, unless ``LLM_ADVISOR_BROWSER_TESTS=required`` (set
by ``.ci/run``, which installs Chromium): then they fail.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import run_cli, without_faketime

HERE = Path(__file__).parent / "scenarios"
CATALOG = Path(__file__).resolve().parents[1] / "catalog"
PROFILES = sorted((HERE / "shared").glob("*.toml")) + sorted(HERE.glob("*.toml"))


class Page(HTMLParser):
    """The tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def report(*args: str) -> tuple[int, str, dict]:
    """The HTML report and the JSON advice of the same answers."""
    r = run_cli("recommend", "--no-input", *args, "--format", "html")
    j = run_cli("recommend", "--no-input", *args, "--json")
    assert r.code == j.code, r.stderr
    assert r.stdout.startswith("<!DOCTYPE html>") and "Traceback" not in r.stderr
    return r.code, r.stdout, j.json()


def assert_self_contained(page: Page, html: str) -> None:
    """Nothing to fetch: no script, style sheet, image, frame, font or object, no URL in CSS,
    and a Content-Security-Policy that forbids loading anything if something slipped in."""
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"), tag
        assert "src" not in attrs and "srcset" not in attrs, (tag, attrs)
        if tag == "a":
            assert (attrs.get("href") or "").startswith("https://"), attrs
    assert "url(" not in html and "@import" not in html
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def assert_carries_the_advice(page: Page, doc: dict) -> None:
    text = " ".join(page.text)
    assert f"Verdict: {doc['verdict'].upper()}" in text
    assert doc["summary"] in text
    rows = {a.get("data-model") for t, a in page.tags if t == "tr" and a.get("data-model")}
    listed = [r["model"] for r in doc["open"] + doc["closed"]]
    assert rows == set(listed)
    for r in doc["open"] + doc["closed"]:
        for line in r["reasons"] + r["caveats"]:
            assert line in text, line
    for e in doc["excluded"]:
        assert e["model"] in text and all(x in text for x in e["reasons"]), e["model"]
    for f in doc.get("flips", []):
        assert str(f["verdict"]) in text
    if doc.get("plan"):
        assert all(step in text for step in doc["plan"]["steps"])
    for a in doc["assumptions"]:
        assert a in text
    for key in doc["requirements"]:
        assert key in text


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_scenario_reports(profile):
    _, html, doc = report("--profile", str(profile), "--top", "50")
    page = parse(html)
    assert_self_contained(page, html)
    assert_carries_the_advice(page, doc)
    charts = [a for t, a in page.tags if t == "div" and a.get("data-chart")]
    leading = [side[0]["model"] for side in (doc["open"], doc["closed"]) if side]
    assert [c["data-chart"] for c in charts] == leading


def test_chart_marks_the_volume_and_every_way():
    _, html, doc = report("--budget", "20000", "--tokens", "300M")
    page = parse(html)
    svgs = [a for t, a in page.tags if t == "svg" and a.get("role") == "img"]
    assert len(svgs) == len([s for s in (doc["open"], doc["closed"]) if s])
    assert "your volume (300M)" in " ".join(page.text)
    assert sum(1 for t, _ in page.tags if t == "polyline") >= 2


def test_names_are_escaped(tmp_path):
    """A model name with markup is shown as text, not run (an overlay's name is the user's)."""
    folder = tmp_path / "cat" / "models" / "google"
    folder.mkdir(parents=True)
    text = (CATALOG / "models" / "google" / "gemma-4-31b.toml").read_text()
    name = "<script>alert(1)</script> & <b>bold</b>"
    lines = [
        f'name = "{name}"' if line.startswith("name = ") else "aliases = []" if line.startswith("aliases = ") else line
        for line in text.splitlines()
    ]
    (folder / "evil-8b.toml").write_text("\n".join(lines) + "\n")
    r = run_cli("--catalog", str(tmp_path / "cat"), "recommend", "--no-input", "--budget", "1e9", "--tokens", "1M",
                "--top", "1000", "--format", "html")  # fmt: skip
    assert "evil-8b" in r.stdout
    assert "<script>" not in r.stdout and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in r.stdout


def test_html_is_for_recommend_only():
    r = run_cli("list", "--format", "html")
    assert r.code == 2 and "--format html" in r.stderr


# ---------------------------------------------------------------------------------------------
# In a real browser
# ---------------------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless Chromium as root on a machine with no network (it would try Google's hosts)."""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    required = os.environ.get("LLM_ADVISOR_BROWSER_TESTS") == "required"
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = (
        "Playwright is not installed (pip install -e '.[test]')"
        if sync_playwright is None
        else "Chromium is not installed (apt-get install chromium)"
        if executable is None
        else None
    )
    if missing:
        if required:
            pytest.fail(f"browser tests are required here, but {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    # The driver and the browser run on the real clock: libfaketime in a browser's processes
    # stalls its timers, and the report's content does not read the clock.
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(without_faketime(saved))
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                yield b
            finally:
                b.close()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) pixels of an 8-bit PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [r if channels == 3 else bytes(v for i, v in enumerate(r) if i % 4 != 3) for r in rows]


def ink(png: bytes) -> tuple[float, int]:
    """The share of pixels that are not the background, and how many colours there are."""
    width, height, rows = decode_png(png)
    colours: set[bytes] = set()
    inked = 0
    for r in rows[::2]:
        for x in range(0, width * 3, 6):
            px = r[x : x + 3]
            colours.add(px)
            inked += px != b"\xff\xff\xff"
    return inked / ((height // 2 + height % 2) * ((width + 1) // 2)), len(colours)


REPORTS = {
    "hybrid": ["--budget", "5000", "--tokens", "100M", "--sensitivity", "confidential"],
    "none": ["--budget", "1", "--tokens", "10B", "--hosting", "air-gapped"],
    "regulated-eu": ["--profile", str(HERE / "eu-insurer-gdpr.toml"), "--top", "50"],
    "growing-volume": ["--profile", str(HERE / "saas-growing-volume.toml"), "--top", "50"],
}


@pytest.mark.parametrize("case", sorted(REPORTS))
def test_report_in_a_browser(browser, tmp_path, case):
    code, html, doc = report(*REPORTS[case])
    assert (code == 1) == (doc["verdict"] == "none")
    path = tmp_path / "report.html"
    path.write_text(html)
    listed = [r["model"] for r in doc["open"] + doc["closed"]]
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = browser.new_page(viewport=viewport)
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        assert errors == [], (name, errors)
        assert requests == [path.as_uri()], (name, requests)  # the file itself, nothing else
        verdict = page.locator("#verdict h2")
        assert verdict.is_visible() and verdict.inner_text() == f"Verdict: {doc['verdict'].upper()}"
        for model in listed:
            row = page.locator(f'tr[data-model="{model}"]')
            assert row.count() == 1 and row.is_visible(), (name, model)
            box = row.bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (name, "the page scrolls sideways", width)
        for chart in page.locator("svg[role=img]").all():
            box = chart.bounding_box()
            assert box is not None and 0 < box["width"] <= viewport["width"]
        shot = page.screenshot(full_page=False)
        share, colours = ink(shot)
        assert share > 0.02 and colours > 8, (name, share, colours)
        page.close()
    # In print: the verdict is still there, and the page makes a PDF.
    page = browser.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    assert page.locator("#verdict h2").is_visible()
    assert all(page.locator(f'tr[data-model="{m}"]').is_visible() for m in listed)
    assert page.pdf(format="A4")[:5] == b"%PDF-"
    page.close()


def test_blank_page_is_blank():
    """The screenshot check can fail: a white page has no ink."""
    width, height = 4, 2
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    assert ink(png) == (0.0, 1)
