#!/usr/bin/env python3
"""Writes the updater feed (latest.json) of a release from its signed files.

Usage: updater_manifest.py DIST_DIR VERSION BASE_URL [NOTES_FILE]

DIST_DIR holds the installers `tauri build` made with
`bundle.createUpdaterArtifacts` on, each beside its `.sig` (the minisign
signature made with TAURI_SIGNING_PRIVATE_KEY). BASE_URL is where the release
serves them (https://github.com/OWNER/REPO/releases/download/TAG). The feed is
Tauri's static format: one entry per platform key the updater plugin looks
for (`{os}-{arch}-{installer}`, then `{os}-{arch}`), each with the file's URL
and the signature's text. Standard library only: it runs on any runner.
"""

import datetime
import json
import pathlib
import re
import sys
import urllib.parse

# File name ending -> (os, installer, is the os's default); the default entry
# (`linux-x86_64`, ...) is what an app not installed from a package asks for.
KINDS = [
    (".AppImage", "linux", "appimage", True),
    (".deb", "linux", "deb", False),
    (".rpm", "linux", "rpm", False),
    ("-setup.exe", "windows", "nsis", True),
    (".msi", "windows", "msi", False),
    (".app.tar.gz", "darwin", "app", True),
]

ARCHES = {
    "amd64": "x86_64",
    "x86_64": "x86_64",
    "x64": "x86_64",
    "aarch64": "aarch64",
    "arm64": "aarch64",
}


ARCH_IN_NAME = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(ARCHES) + r")(?![A-Za-z0-9])")


def arch_of(name: str) -> str:
    match = ARCH_IN_NAME.search(name)
    if match:
        return ARCHES[match.group(1)]
    raise SystemExit(f"updater_manifest: no architecture in the file name {name!r}")


def platforms(dist: pathlib.Path, base_url: str) -> dict:
    found = {}
    for sig in sorted(dist.glob("*.sig")):
        artefact = sig.with_name(sig.name[: -len(".sig")])
        kind = next((k for k in KINDS if artefact.name.endswith(k[0])), None)
        if kind is None or not artefact.is_file():
            continue
        _, os_name, installer, default = kind
        arch = arch_of(artefact.name)
        entry = {
            "url": f"{base_url.rstrip('/')}/{urllib.parse.quote(artefact.name)}",
            "signature": sig.read_text(encoding="utf-8").strip(),
        }
        keys = [f"{os_name}-{arch}-{installer}"] + ([f"{os_name}-{arch}"] if default else [])
        for key in keys:
            if key in found:
                raise SystemExit(f"updater_manifest: two files for {key}: {artefact.name}")
            found[key] = entry
    return found


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    dist, version, base_url = pathlib.Path(argv[1]), argv[2].removeprefix("v"), argv[3]
    if not base_url.startswith("https://"):
        raise SystemExit("updater_manifest: the base URL must be https (the app refuses anything else)")
    notes = pathlib.Path(argv[4]).read_text(encoding="utf-8").strip() if len(argv) == 5 else ""
    found = platforms(dist, base_url)
    if not found:
        raise SystemExit(f"updater_manifest: no signed installer (*.sig) in {dist}")
    feed = {
        "version": version,
        "notes": notes or f"Kairos {version}",
        "pub_date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platforms": dict(sorted(found.items())),
    }
    (dist / "latest.json").write_text(json.dumps(feed, indent=2) + "\n", encoding="utf-8")
    for key, entry in feed["platforms"].items():
        print(f"{key}: {entry['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
