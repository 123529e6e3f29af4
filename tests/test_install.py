"""What `make install` installs: the versions pinned in constraints.txt, for every package pyproject.toml asks
for (a new dependency that is not pinned would bring whatever release is newest on the day of the install)."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pins() -> dict[str, str]:
    pinned: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, ver = line.partition("==")
            assert sep, f"constraints.txt: {line!r} is not pinned with =="
            pinned[canonicalize_name(name)] = ver.strip()
    return pinned


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return [Requirement(spec) for spec in specs]


def test_every_declared_dependency_is_pinned_to_a_version_it_admits() -> None:
    pinned = pins()
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} (pyproject.toml) is missing from constraints.txt: run make lock"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={pinned[name]}, which pyproject.toml's {req} excludes"
        )


def test_the_installed_dependencies_are_the_pinned_ones() -> None:
    pinned = pins()
    for req in declared():
        try:
            installed = version(req.name)
        except PackageNotFoundError:
            raise AssertionError(f"{req.name} is not installed: run make install") from None
        assert installed == pinned[canonicalize_name(req.name)], (
            f"{req.name} {installed} is installed, constraints.txt pins {pinned[canonicalize_name(req.name)]}: "
            "run make install"
        )
