"""Make sure the tools of the browser and HTML quality gates are present; run by `make test` before pytest.

    python -m tests.setup_browsers

- Debian's `chromium` at /usr/bin/chromium (driven by Playwright's Python API; no Playwright browser
  download, no chromium-driver);
- Java, for the W3C Nu HTML checker;
- Debian's `epubcheck`, the W3C/DAISY EPUB checker the EPUB exports must pass;
- the npm packages pinned in package.json / package-lock.json (vnu-jar, axe-core), installed with
  `npm ci` into node_modules/ (git-ignored).

Missing system packages are installed with apt-get when running as root; otherwise the script stops
with a message saying how to install them. When everything is present it only checks files and
returns at once, so it is safe to run before every test run.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
LOCK_FILE = ROOT / "package-lock.json"
# What each npm package must provide after installation.
NPM_FILES = {"vnu-jar": "build/dist/vnu.jar", "axe-core": "axe.min.js"}


class SetupError(Exception):
    pass


def missing_system_packages() -> list[str]:
    """Debian packages to install, in a stable order."""
    missing = []
    if not CHROMIUM.exists():
        missing.append("chromium")
    if not shutil.which("java"):
        missing.append("default-jre-headless")
    if not shutil.which("npm"):
        missing.append("npm")
    if not shutil.which("epubcheck"):
        missing.append("epubcheck")          # the EPUB exports are checked with it (tests/test_export_epub.py)
    return missing


def install_system_packages(packages: list[str]) -> None:
    if not packages:
        return
    command = f"apt-get update && apt-get install -y --no-install-recommends {' '.join(packages)}"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SetupError(
            f"missing: {', '.join(packages)} (needed by the browser and HTML checks of `make test`).\n"
            f"Install them as root, e.g.:\n    sudo sh -c '{command}'\n"
            "or run `make test` as root on a Debian/Ubuntu machine and they are installed for you.")
    print(f"setup: installing {', '.join(packages)} with apt-get", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", *packages]):
        if subprocess.run(step, env=env).returncode != 0:
            raise SetupError(f"`{' '.join(step)}` failed; install {', '.join(packages)} by hand and rerun")
    still = [p for p in missing_system_packages() if p in packages]
    if still:
        raise SetupError(f"apt-get finished but {', '.join(still)} is still missing")


def locked_versions() -> dict[str, str]:
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in NPM_FILES}


def npm_packages_current() -> bool:
    """True when node_modules holds exactly the locked versions of the gate tools, with their files."""
    for name, version in locked_versions().items():
        manifest = NODE_MODULES / name / "package.json"
        if not manifest.is_file() or not (NODE_MODULES / name / NPM_FILES[name]).is_file():
            return False
        if json.loads(manifest.read_text(encoding="utf-8")).get("version") != version:
            return False
    return True


def install_npm_packages() -> None:
    if npm_packages_current():
        return
    print("setup: npm ci (vnu-jar, axe-core as pinned in package-lock.json)", flush=True)
    # --ignore-scripts: vnu-jar's postinstall only fetches a Java runtime, and Java comes from the system.
    result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT)
    if result.returncode != 0 or not npm_packages_current():
        raise SetupError("`npm ci` did not install the pinned vnu-jar and axe-core; "
                         "check the network and package-lock.json, then rerun `make test`")


def main() -> int:
    try:
        install_system_packages(missing_system_packages())
        install_npm_packages()
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
