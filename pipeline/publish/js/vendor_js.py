"""Refresh the chart libraries in pipeline/publish/static/vendor/ from the npm registry.

Run by `make vendor-js` (needs npm; serving and `make demo` do not). Installs the exact
versions of package.json / package-lock.json in a temporary folder, then copies each library's
browser build and licence beside it, and THIRD-PARTY-LICENSES.txt: the licence of every package
the builds were made from, so the folder can be redistributed as it is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR_DIR = HERE.parent / "static" / "vendor"
# package → its browser build (UMD, sets a global: vega, vegaLite, vegaEmbed)
BUILDS = {
    "vega": "build/vega.min.js",
    "vega-lite": "build/vega-lite.min.js",
    "vega-embed": "build/vega-embed.min.js",
}
# vega's npm package ships no LICENSE file; its sub-packages carry the project's licence text.
LICENSE_FALLBACK = {"vega": "vega-view"}
LICENSE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE-MIT.txt", "LICENCE")


def licence_file(modules: Path, package: str) -> Path | None:
    for name in (package, LICENSE_FALLBACK.get(package)):
        if name is None:
            continue
        for candidate in LICENSE_NAMES:
            if (modules / name / candidate).is_file():
                return modules / name / candidate
    return None


def installed_packages(modules: Path) -> list[dict]:
    found = []
    for manifest in sorted(modules.glob("*/package.json")) + sorted(
        modules.glob("@*/*/package.json")
    ):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        found.append(
            {
                "name": data["name"],
                "version": data.get("version", "?"),
                "license": data.get("license", "?"),
                "dir": manifest.parent.relative_to(modules).as_posix(),
            }
        )
    return found


def vendor(work: Path) -> None:
    shutil.copy(HERE / "package.json", work / "package.json")
    shutil.copy(HERE / "package-lock.json", work / "package-lock.json")
    subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=work, check=True
    )
    modules = work / "node_modules"
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    versions = {}
    for package, build in BUILDS.items():
        shutil.copy(modules / package / build, VENDOR_DIR / Path(build).name)
        licence = licence_file(modules, package)
        if licence is None:
            sys.exit(f"no licence file found for {package} in {modules}")
        shutil.copy(licence, VENDOR_DIR / f"{package}.LICENSE.txt")
        versions[package] = json.loads((modules / package / "package.json").read_text())["version"]
    notices = ["Licences of the npm packages the files in this folder were built from.", ""]
    for package in installed_packages(modules):
        licence = licence_file(modules, package["dir"])
        notices += [
            "=" * 78,
            f"{package['name']} {package['version']} ({package['license']})",
            "=" * 78,
        ]
        notices += [
            licence.read_text(encoding="utf-8").strip()
            if licence
            else "(no licence file in the package)",
            "",
        ]
    (VENDOR_DIR / "THIRD-PARTY-LICENSES.txt").write_text(
        "\n".join(notices) + "\n", encoding="utf-8"
    )
    (VENDOR_DIR / "VERSIONS.json").write_text(
        json.dumps(versions, indent=2) + "\n", encoding="utf-8"
    )
    print(f"vendored {versions} into {VENDOR_DIR}")


def main() -> None:
    if shutil.which("npm") is None:
        sys.exit("npm is not installed: `apt-get install -y npm` (only `make vendor-js` needs it)")
    with tempfile.TemporaryDirectory(prefix="presswatch-vendor-") as work:
        vendor(Path(work))


if __name__ == "__main__":
    main()
