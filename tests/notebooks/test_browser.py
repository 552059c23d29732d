"""Notebook 01 in a real browser: JupyterLab is started, headless Chromium runs all cells through the UI.

Needs Debian's ``chromium`` at ``/usr/bin/chromium``, Node.js (>= 20) and ``npm ci`` in ``tests/browser``;
``.ci/browser-deps`` installs them. Without them the test is skipped.

JupyterLab runs with throw-away runtime, config, data and IPython folders (autosave off, so the notebook
file is never written) and with ``NEWS_FIGURES_DIR`` pointing at a temporary folder, so the committed
``figures/`` stay untouched. The screenshot of the first figure goes to ``test-artifacts/notebook01.png``.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.config import PROJ_ROOT
from tests.helpers.notebook_checks import PNG_SIGNATURE

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_DIR = PROJ_ROOT / "tests" / "browser"
SCRIPT = BROWSER_DIR / "run_notebook.mjs"
PLAYWRIGHT = BROWSER_DIR / "node_modules" / "playwright-core"
JUPYTER = Path(sys.prefix) / "bin" / "jupyter"
NOTEBOOK = "notebooks/01_corpus_overview.ipynb"
FIGURES = PROJ_ROOT / "figures"
SCREENSHOT = PROJ_ROOT / "test-artifacts" / "notebook01.png"
FAILURE_SCREENSHOT = SCREENSHOT.with_name(f"{SCREENSHOT.stem}-failure.png")  # written by the script on failure


START_TIMEOUT = 180  # seconds for JupyterLab to answer /api/status
RUN_TIMEOUT = 900  # seconds for the browser run (the first cell may load spaCy)
STOP_TIMEOUT = 30  # seconds for JupyterLab to shut down its kernels after SIGTERM

# JupyterLab settings for the temporary config folder: nothing is saved behind the test's back, and no
# news or update check reaches out to the network.
USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}


def _missing_dependency() -> str | None:
    hint = "run .ci/browser-deps to install them"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found (Debian package chromium); {hint}"
    if shutil.which("node") is None:
        return f"node not found on PATH (Node.js >= 20); {hint}"
    if not PLAYWRIGHT.is_dir():
        return f"{PLAYWRIGHT.relative_to(PROJ_ROOT)} not found (npm ci in tests/browser); {hint}"
    if not JUPYTER.is_file():
        return f"{JUPYTER} not found (jupyterlab in the virtualenv)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(no log: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 with a random token and throw-away Jupyter folders."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.log_path = workdir / "jupyter.log"
        self.figures_dir = workdir / "figures"
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self) -> str:
        return f"--- JupyterLab log (last lines of {self.log_path}) ---\n{_tail(self.log_path)}"

    def _environment(self) -> dict[str, str]:
        dirs = {name: self.workdir / name for name in ("runtime", "config", "data", "ipython")}
        for folder in (*dirs.values(), self.figures_dir):
            folder.mkdir(parents=True, exist_ok=True)
        for name, settings in USER_SETTINGS.items():
            path = dirs["config"] / "lab" / "user-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings), encoding="utf-8")
        labconfig = dirs["config"] / "labconfig"
        labconfig.mkdir(parents=True, exist_ok=True)
        (labconfig / "page_config.json").write_text(json.dumps(PAGE_CONFIG), encoding="utf-8")

        env = dict(os.environ)
        for name in (
            "JUPYTER_TOKEN",
            "JUPYTER_PATH",
            "JUPYTER_CONFIG_PATH",
            "JUPYTERLAB_SETTINGS_DIR",
            "JUPYTERLAB_WORKSPACES_DIR",
        ):
            env.pop(name, None)
        env.update(
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            IPYTHONDIR=str(dirs["ipython"]),
            NEWS_FIGURES_DIR=str(self.figures_dir),
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self) -> None:
        cmd = [
            str(JUPYTER),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",  # ServerApp.token is deprecated in jupyter_server 2
            f"--ServerApp.root_dir={PROJ_ROOT}",
            "--ServerApp.open_browser=False",
            "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            # Opening a notebook creates a checkpoint next to it; keep it out of the project.
            f"--FileCheckpoints.checkpoint_dir={self.workdir / 'checkpoints'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--ServerApp.allow_root=True")
        env = self._environment()
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                cmd,
                cwd=PROJ_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        url = f"{self.base_url}/api/status?token={self.token}"
        deadline = time.monotonic() + START_TIMEOUT
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode} before answering\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200 and "started" in json.load(response):
                        return
            except (OSError, ValueError) as exc:
                last_error = str(exc)
            time.sleep(0.5)
        raise RuntimeError(
            f"JupyterLab did not answer {self.base_url}/api/status within {START_TIMEOUT}s ({last_error})\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM to the server's process group (it shuts its kernels down), SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def _run_script(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[int | None, str, str]:
    """Run the Node script: (exit code, stdout, stderr); on timeout it is stopped with SIGTERM (Playwright
    then closes Chromium), SIGKILL if needed, and the exit code is None."""
    proc = subprocess.Popen(
        cmd,
        cwd=PROJ_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        return proc.returncode, stdout, stderr
    except subprocess.TimeoutExpired:
        pass
    stdout = stderr = ""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            stdout, stderr = proc.communicate(timeout=15)
            break
        except subprocess.TimeoutExpired:
            continue
    return None, stdout or "", stderr or ""


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    missing = _missing_dependency()
    if missing:
        pytest.skip(f"browser check skipped: {missing}")
    lab = JupyterLab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        lab.start()
    except RuntimeError as exc:
        lab.stop()
        pytest.fail(str(exc), pytrace=False)
    yield lab
    lab.stop()


def test_notebook_01_runs_in_jupyterlab(jupyterlab):
    notebook = PROJ_ROOT / NOTEBOOK
    notebook_before = notebook.read_bytes()
    figures_before = {p.name: _digest(p) for p in FIGURES.glob("*.png")}
    checkpoints = notebook.parent / ".ipynb_checkpoints"
    had_checkpoints = checkpoints.exists()
    code_cells = sum(1 for cell in json.loads(notebook_before)["cells"] if cell["cell_type"] == "code")
    for stale in (SCREENSHOT, FAILURE_SCREENSHOT):
        stale.unlink(missing_ok=True)

    cmd = [
        "node",
        str(SCRIPT),
        "--url",
        f"{jupyterlab.base_url}/lab/tree/{NOTEBOOK}",
        "--screenshot",
        str(SCREENSHOT),
        "--timeout",
        str(RUN_TIMEOUT),
    ]
    env = dict(os.environ, JUPYTER_TOKEN=jupyterlab.token)
    started = time.monotonic()
    returncode, stdout, stderr = _run_script(cmd, env, timeout=RUN_TIMEOUT + 120)
    elapsed = time.monotonic() - started
    report = f"--- {SCRIPT.name} stderr ---\n{stderr}\n--- stdout ---\n{stdout}\n{jupyterlab.log_tail()}"
    print(f"\n{stderr.rstrip()}\nbrowser run took {elapsed:.1f}s")
    if returncode is None:
        pytest.fail(f"{SCRIPT.name} did not finish within {RUN_TIMEOUT + 120}s\n{report}", pytrace=False)
    if returncode != 0:
        pytest.fail(f"{SCRIPT.name} failed with exit code {returncode}\n{report}", pytrace=False)

    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    assert lines, f"no JSON summary on stdout\n{report}"
    summary = json.loads(lines[-1])
    assert summary["ok"] is True, report
    assert summary["errors"] == 0, report
    assert summary["cells"] == summary["executed"] == code_cells, report
    assert summary["images"] >= 1, report

    assert SCREENSHOT.is_file(), f"no screenshot at {SCREENSHOT}\n{report}"
    assert SCREENSHOT.read_bytes()[:8] == PNG_SIGNATURE, f"{SCREENSHOT} is not a PNG"

    # The kernel wrote its figures into the temporary folder, not into the committed ones.
    written = sorted(p.name for p in jupyterlab.figures_dir.glob("*.png"))
    assert written, f"the notebook wrote no figure into NEWS_FIGURES_DIR={jupyterlab.figures_dir}"
    changed = [name for name in written if _digest(FIGURES / name) != figures_before.get(name)]
    assert not changed, f"the committed figures changed: {changed}"
    assert notebook.read_bytes() == notebook_before, f"{NOTEBOOK} was modified (saved from the browser?)"
    assert had_checkpoints or not checkpoints.exists(), f"JupyterLab left {checkpoints} behind"
