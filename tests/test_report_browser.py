"""The report page in a real browser: headless Chromium (Debian's ``chromium``,
installed by .ci/run when absent) loads it with the network cut off, to the
DOM, to a screenshot and to an A4 PDF.

Run as a script it writes the screenshots the README shows:
``.venv/bin/python tests/test_report_browser.py`` (docs/screens/report-*.png).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "report_sample"
AS_OF = "2025-07"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium offline: every host name resolves to nothing."""
    cmd = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--hide-scrollbars", f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
           "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def write_report(path: Path, *extra: str) -> Path:
    from typer.testing import CliRunner

    from policygap.cli import app

    args = ["report", "sample", "--targets", str(SAMPLE / "targets.yaml"), "--baselines",
            str(SAMPLE / "baselines.csv"), "--as-of", AS_OF, "-o", str(path), *extra]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    pytest.importorskip("matplotlib")
    folder = tmp_path_factory.mktemp("browser")
    return write_report(folder / "示例.html")


def console_messages(stderr: str) -> list[str]:
    """The page's console: the page runs no script, so any message is an
    error (an SVG attribute the browser cannot read, a resource it cannot load)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "net::ERR" in line]


def test_page_loads_without_errors_with_one_chart_per_target(page, tmp_path):
    r = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_messages(r.stderr) == []
    dom = r.stdout
    charts = re.findall(r'<figure class="chart" data-target="([^"]+)"><svg', dom)
    # eleven targets, one without any figure
    assert len(charts) == 10 and len(set(charts)) == 10
    assert "sample-incubators-2026" not in charts


def test_screenshot(page, tmp_path):
    from PIL import Image

    shot = tmp_path / "shot.png"
    r = chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=900,1600", page.as_uri())
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    assert console_messages(r.stderr) == []
    image = Image.open(shot).convert("RGB")
    assert image.size == (900, 1600)
    # drawn, not blank: the status colours of the overview are on it
    colours = {c for _n, c in image.getcolors(maxcolors=1 << 20)}
    assert (0x2E, 0x8B, 0x3E) in colours and (0xC8, 0x31, 0x2B) in colours


def test_prints_to_a4_pdf(page, tmp_path):
    pdf = tmp_path / "report.pdf"
    r = chromium(tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert r.returncode == 0 and pdf.exists(), r.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 × 842 points; the page's @page rule asks for it
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 4  # overview, ten charts that are never split


# --------------------------------------------------------------------------
# The README's screenshots


SCREENS = {
    "report-overview.png": None,
    "report-chart-level.png": "sample-hitech-2026",
    "report-chart-growth.png": "sample-rd-growth-2026",
    "report-chart-share.png": "sample-rd-intensity-2026",
}


def write_screens(folder: Path, work: Path) -> None:
    """The overview (top of the page) and three charts, each cut from a page
    holding only that target's section, with the report's own styles."""
    from PIL import Image

    from policygap.render import report_html

    html = write_report(work / "sample.html").read_text(encoding="utf-8")
    css = report_html.CSS
    for name, target in SCREENS.items():
        if target is None:
            source, size = html, (900, 1500)
        else:
            article = re.search(rf'<article class="target" id="target-{target}">.*?</article>', html, re.S).group(0)
            source = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style>'
                      f"</head><body>{article}</body></html>")
            size = (900, 700)
        file = work / f"{name}.html"
        file.write_text(source, encoding="utf-8")
        out = folder / name
        r = chromium(work / "profile", f"--screenshot={out}", f"--window-size={size[0]},{size[1]}", file.as_uri())
        assert r.returncode == 0, r.stderr
        _trim(Image, out)


def _trim(Image, path: Path) -> None:
    """Cut the white space around the content, keeping a margin."""
    from PIL import ImageChops

    image = Image.open(path).convert("RGB")
    box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    if box:
        m = 16
        image.crop((max(box[0] - m, 0), max(box[1] - m, 0), min(box[2] + m, image.width),
                    min(box[3] + m, image.height))).save(path, optimize=True)


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(REPO))
    target = REPO / "docs" / "screens"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        write_screens(target, Path(tmp))
    print("\n".join(str(target / n) for n in SCREENS))
