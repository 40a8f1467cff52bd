"""The Lambda artifact: what `make package` and `sam build` bundle is what the functions import at
run time, locked for the runtime template.yaml declares, and nothing else. (The build itself
downloads wheels and enforces the size budget; these checks read the locks and the code.)"""
from __future__ import annotations

import ast
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

from scripts import package

ROOT = Path(__file__).resolve().parents[1]


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere under functions/portal (at module level or inside a
    function: a deferred import still runs in Lambda), mapped to the files importing them."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "functions" / "portal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in {"portal", "__future__"}:
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def _distributions_of(modules) -> dict[str, str]:
    """Normalised distribution name of each module, as installed in this environment."""
    provided_by = packages_distributions()
    return {module: package.normalise(provided_by[module][0]) for module in modules}


def test_the_lambda_lock_is_compiled_for_the_templates_runtime():
    target = package.lambda_target()
    header = package.FUNCTIONS_LOCK.read_text(encoding="utf-8").splitlines()[1]
    assert f"--python-version {target.python_version} " in header
    assert f"--python-platform {target.python_platform} " in header


def test_the_target_is_read_from_the_templates_globals(tmp_path):
    template = tmp_path / "template.yaml"
    template.write_text(
        "Globals:\n  Function:\n    Runtime: python3.13\n    Architectures: [x86_64]\n    CodeUri: src/\n"
    )

    target = package.lambda_target(template)

    assert (target.python_version, target.python_platform) == ("3.13", "x86_64-manylinux2014")
    assert target.code_dir == tmp_path / "src"


def test_every_package_the_functions_import_is_bundled_or_in_the_lambda_runtime():
    bundled = package.locked(package.FUNCTIONS_LOCK)
    imported = _distributions_of(_third_party_imports())
    missing = {
        module: dist for module, dist in imported.items()
        if dist not in bundled and dist not in package.RUNTIME_PROVIDED
    }
    assert not missing, f"imported under functions/ but not in functions/requirements.txt: {missing}"


def test_the_runtime_dependencies_are_exactly_what_the_functions_import():
    declared = {
        package.normalise(requirement.split("[")[0].split(">")[0].split("=")[0].strip())
        for requirement in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    }
    imported = set(_distributions_of(_third_party_imports()).values()) - package.RUNTIME_PROVIDED
    assert declared == imported


def test_the_lambda_lock_holds_no_sdk_and_no_build_time_package():
    bundled = set(package.locked(package.FUNCTIONS_LOCK))
    assert not bundled & package.BUILD_ONLY
    assert not bundled & package.RUNTIME_PROVIDED
    assert {"aws-lambda-powertools", "pydantic"} <= bundled


def test_the_lambda_gets_the_versions_the_tests_run():
    shipped = package.locked(package.FUNCTIONS_LOCK)
    tested = package.locked(package.DEV_LOCK)
    differing = {name: (version, tested.get(name)) for name, version in shipped.items() if tested.get(name) != version}
    assert not differing, f"functions/requirements.txt vs requirements.lock (run `make lock`): {differing}"


def test_the_code_bundled_is_the_portal_package_with_its_catalogue_and_no_bytecode(tmp_path):
    code = tmp_path / "functions"
    (code / "portal" / "handlers" / "__pycache__").mkdir(parents=True)
    (code / "portal" / "__init__.py").write_text("")
    (code / "portal" / "catalogue.json").write_text("{}")
    (code / "portal" / "handlers" / "citizen.py").write_text("")
    (code / "portal" / "handlers" / "__pycache__" / "citizen.cpython-311.pyc").write_bytes(b"\0")
    (code / "requirements.txt").write_text("pydantic==2\n")

    names = sorted(name.as_posix() for _, name in package.code_files(code))

    assert names == ["portal/__init__.py", "portal/catalogue.json", "portal/handlers/citizen.py"]


def test_the_zip_is_the_same_for_the_same_files(tmp_path):
    tree = tmp_path / "package"
    (tree / "portal").mkdir(parents=True)
    (tree / "portal" / "b.py").write_text("B = 2\n")
    (tree / "portal" / "a.py").write_text("A = 1\n")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"

    package.write_zip(tree, first)
    (tree / "portal" / "a.py").touch()  # a newer modification time changes nothing
    package.write_zip(tree, second)

    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["portal/a.py", "portal/b.py"]
        assert archive.read("portal/a.py") == b"A = 1\n"
