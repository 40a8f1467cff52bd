"""The Lambda artifact and the dependency locks, for the runtime that template.yaml declares.

    python -m scripts.package lock     # requirements.lock (this machine's Python, dev extra) and
                                       # functions/requirements.txt (the Lambda runtime)
    python -m scripts.package build    # build/package/ and build/package.zip, with their sizes

The artifact holds what the functions import at run time and nothing else: the code under
functions/ (with the compiled catalogue), and the locked runtime dependencies installed as
wheels for the Lambda's Python and CPU (`Runtime`, `Architectures` in template.yaml's Globals).
boto3/botocore are provided by the Lambda runtime, so they are not bundled; the build refuses
an artifact that holds them, or a build-time package, or that outgrows SIZE_BUDGET.
`sam build` bundles the same functions/requirements.txt (CodeUri with the default pip build).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from infra.local import template as sam

ROOT = Path(__file__).resolve().parents[1]
DEV_LOCK = ROOT / "requirements.lock"
FUNCTIONS_LOCK = ROOT / "functions" / "requirements.txt"
PACKAGE_DIR = ROOT / "build" / "package"
PACKAGE_ZIP = ROOT / "build" / "package.zip"
# Python of the developers' machines and CI (README): what requirements.lock is compiled for.
DEV_PYTHON = "3.11"
SIZE_BUDGET = 20_000_000  # bytes unzipped; the whole artifact was 51 MB before the split
# In the Lambda runtime already: the functions import them, the package does not bundle them
# (they would add ~35 MB and shadow the runtime's copy).
RUNTIME_PROVIDED = frozenset({"boto3", "botocore"})
# Needed to build or run the portal locally, never by a function at run time.
BUILD_ONLY = frozenset({
    "boto3", "botocore", "s3transfer", "aws-xray-sdk", "wrapt", "jsonschema", "pyyaml", "pyjwt",
    "cryptography", "cffi", "moto", "mkdocs", "pytest",
})
CATALOGUE = Path("portal") / "catalogue.json"
_PLATFORMS = {"arm64": "aarch64-manylinux2014", "x86_64": "x86_64-manylinux2014"}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries' date: the same code gives the same zip


@dataclass(frozen=True)
class LambdaTarget:
    python_version: str  # "3.12"
    python_platform: str  # uv's name, e.g. "aarch64-manylinux2014"
    code_dir: Path


def lambda_target(template_path: Path = sam.TEMPLATE_PATH) -> LambdaTarget:
    """The functions' Python and CPU, from template.yaml's Globals (the one place they are set)."""
    function = sam.load(template_path).get("Globals", {}).get("Function", {})
    runtime = re.fullmatch(r"python(\d+\.\d+)", function.get("Runtime", ""))
    if not runtime:
        raise SystemExit(f"template.yaml Globals: not a Python runtime: {function.get('Runtime')!r}")
    architectures = function.get("Architectures") or ["x86_64"]
    return LambdaTarget(runtime.group(1), _PLATFORMS[architectures[0]], sam.code_dir(template_path))


def lock_commands(target: LambdaTarget) -> list[list[str]]:
    """The two `uv pip compile` runs, in order: the dev lock first, so the Lambda lock can take
    its versions from it (`-c`) and the tests run exactly what ships."""
    return [
        ["pip", "compile", "--quiet", "pyproject.toml", "--extra", "dev", "--python-version", DEV_PYTHON,
         "-o", _relative(DEV_LOCK)],
        ["pip", "compile", "--quiet", "pyproject.toml", "--python-version", target.python_version,
         "--python-platform", target.python_platform, "-c", _relative(DEV_LOCK),
         "-o", _relative(FUNCTIONS_LOCK)],
    ]


def locked(path: Path) -> dict[str, str]:
    """`{normalised name: version}` of a `uv pip compile` output."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;]+)", line)
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def code_files(code_dir: Path) -> Iterator[tuple[Path, Path]]:
    """(source, path in the artifact) of the functions' own files: the `portal` package with its
    bundled catalogue; no bytecode caches and nothing else beside it (the lock, notes)."""
    package = code_dir / "portal"
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path, path.relative_to(code_dir)


def distributions(site: Path) -> set[str]:
    """Normalised names of the distributions installed in `site` (from their .dist-info)."""
    return {normalise(p.name.split("-")[0]) for p in site.glob("*.dist-info")}


def tree_size(root: Path) -> int:
    """Bytes of all files under `root`: what Lambda counts as the unzipped size."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def write_zip(root: Path, zip_path: Path) -> None:
    """A reproducible zip of `root`: sorted entries, fixed dates, plain permissions."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def _uv(*args: str) -> None:
    from uv import find_uv_bin

    # Never fetch a Python build for the Lambda's version: resolving and installing wheels for
    # it needs none, and only package registries are reachable from CI.
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    subprocess.run([find_uv_bin(), *args], cwd=ROOT, check=True, env=env)


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def lock() -> None:
    for command in lock_commands(lambda_target()):
        _uv(*command)


def build(out: Path = PACKAGE_DIR, zip_path: Path = PACKAGE_ZIP) -> dict:
    target = lambda_target()
    if not (target.code_dir / CATALOGUE).exists():
        raise SystemExit(f"{CATALOGUE} is missing: run `make catalogue` first")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for source, name in code_files(target.code_dir):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out / name)
    _uv("pip", "install", "--quiet", "--target", str(out), "--no-deps", "--only-binary", ":all:",
        "--link-mode", "copy", "--python-version", target.python_version,
        "--python-platform", target.python_platform, "-r", str(FUNCTIONS_LOCK))
    shutil.rmtree(out / "bin", ignore_errors=True)  # console scripts: nothing runs them in Lambda
    unwanted = sorted(distributions(out) & BUILD_ONLY)
    if unwanted:
        raise SystemExit(f"the package holds build-time or runtime-provided packages: {unwanted}")
    unzipped = tree_size(out)
    if unzipped >= SIZE_BUDGET:
        raise SystemExit(f"the package is {unzipped:,} bytes unzipped, over {SIZE_BUDGET:,}")
    write_zip(out, zip_path)
    return {
        "target": target,
        "unzipped": unzipped,
        "zipped": zip_path.stat().st_size,
        "largest": _largest(out),
    }


def _largest(root: Path, count: int = 6) -> list[tuple[str, int]]:
    sizes = {}
    for entry in root.iterdir():
        if entry.name.endswith(".dist-info"):
            continue
        sizes[entry.name] = tree_size(entry) if entry.is_dir() else entry.stat().st_size
    return sorted(sizes.items(), key=lambda item: -item[1])[:count]


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["lock", "build"])
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "lock":
        lock()
        return 0
    result = build()
    target = result["target"]
    print(f"{_relative(PACKAGE_DIR)}/ for python{target.python_version} {target.python_platform}:")
    print(f"  unzipped {_mb(result['unzipped'])} ({result['unzipped']:,} bytes, budget {_mb(SIZE_BUDGET)})")
    print(f"  zipped   {_mb(result['zipped'])} ({result['zipped']:,} bytes) -> {_relative(PACKAGE_ZIP)}")
    print("  largest: " + ", ".join(f"{name} {_mb(size)}" for name, size in result["largest"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
