"""The browser tests' tools: the portal as a black box over HTTP, Chromium, axe-core.

Nothing here imports the project's Python: the portal is started with its management
commands in a scratch database and only ever spoken to over HTTP.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ARTIFACTS = REPO / "e2e-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING_IMPACTS = ("critical", "serious")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Portal:
    """The portal with the demo content in a scratch SQLite database, on a free port.

    It runs the development settings with DEBUG off and runserver --insecure (which
    serves the static files), so a missing page gets the portal's own 404 page, as a
    visitor sees it, rather than Django's debug page.
    """

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = ARTIFACTS / "server.log"
        self.process: subprocess.Popen | None = None
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"ELASTICSEARCH_URL", "CACHE_URL", "DATABASE_URL", "MEDIA_ROOT"}
            },
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "DEBUG": "0",
            "WAGTAILADMIN_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> None:
        with self.log_path.open("a") as log:
            log.write(f"$ manage.py {' '.join(args)}\n")
            log.flush()
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{self.log()}")

    def create_editor(self, username: str, *role: str) -> str:
        """An editor made as an operator makes one, `create_consultant USERNAME` with a
        role ("--region", "1083" or "--moderator" or "--curator"); returns the password."""
        password = f"{username}-e2e-lang-adgangskode"
        self.manage("create_consultant", username, *role, "--password", password)
        return password

    def start(self) -> "Portal":
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path.write_text("")
        self.manage("migrate", "--noinput")
        self.manage("setup_portal", "--demo-if-empty")
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--insecure",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The portal stopped while starting:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"The portal did not answer within 60 seconds:\n{self.log()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def log(self) -> str:
        return self.log_path.read_text()[-4000:]


def choose_in_modal(page, query: str, choice: str) -> None:
    """In a Wagtail chooser (a page, a municipality, an indicator): search, then click
    the choice by its exact name."""
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox").first.fill(query)
    modal.get_by_role("link", name=choice, exact=True).click()
    modal.wait_for(state="hidden")


def let_autosave_finish(page) -> None:
    """Wagtail 8 autosaves the editor half a second after a change. A form sent while
    that request is out goes to the add address once more and is refused ("slug in use"),
    so wait, as a person watching the header would, until it no longer says "Gemmer"."""
    page.wait_for_timeout(700)  # the autosave interval (500 ms) and a little
    page.wait_for_function(
        """() => document.querySelector("#w-autosave-indicator")
            ?.getAttribute("data-w-autosave-state-value") !== "saving" """
    )


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now (axe injected from node_modules).

    Evaluated through the browser's debugging protocol, which the page's Content-Security-
    Policy does not govern: an added <script> tag would be inline, and refused."""
    page.evaluate(AXE_SCRIPT.read_text() + "\n;undefined")
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "),
                                          summary: n.failureSummary || ""})),
            }));
        }"""
    )


def axe_report(kind: str, url: str, violations: list[dict]) -> str:
    """Violations grouped by impact, most severe first, readable in a terminal."""
    if not violations:
        return f"{kind} ({url}): no violations"
    by_impact = defaultdict(list)
    for violation in violations:
        by_impact[violation["impact"] or "minor"].append(violation)
    lines = [f"{kind} ({url}):"]
    for impact in IMPACTS:
        for violation in by_impact.get(impact, []):
            nodes = violation["nodes"]
            lines.append(
                f"  [{impact}] {violation['id']}: {violation['help']} "
                f"({len(nodes)} element{'s' if len(nodes) != 1 else ''})"
            )
            for node in nodes[:5]:
                lines.append(f"      {node['target']}")
            if len(nodes) > 5:
                lines.append(f"      … and {len(nodes) - 5} more")
    return "\n".join(lines)


def wider_than_viewport(page) -> list[str]:
    """The elements that make the page wider than the viewport (for a useful message):
    the outermost ones past the right edge that no scrolling box of their own clips."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const clipped = el => {
                const position = getComputedStyle(el).position;
                if (position === "fixed") return false;
                // An absolutely positioned box escapes every box up to its containing block.
                let p = position === "absolute" ? el.offsetParent : el.parentElement;
                for (; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== "visible") return true;
                }
                return false;
            };
            const wide = new Set([...document.querySelectorAll("body *")].filter(el => {
                const box = el.getBoundingClientRect();
                return box.right > width + 1 && box.width > 0 && !clipped(el);
            }));
            return [...wide].filter(el => !wide.has(el.parentElement)).slice(0, 10).map(el => {
                const name = typeof el.className === "string" && el.className.trim()
                    ? "." + el.className.trim().split(/\\s+/).join(".") : "";
                return `${el.tagName.toLowerCase()}${name} (right edge at `
                    + `${Math.round(el.getBoundingClientRect().right)} px)`;
            });
        }"""
    )
