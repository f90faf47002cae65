"""Write constraints.txt: the exact versions of everything ``pip install -e '.[all]'`` pulls in, as
installed on the machine where the suite last passed.

Why a constraints file and not pins in pyproject: the package keeps floors (users combine it with
their own environments), while CI and anyone who wants the tested set install with
``pip install -c constraints.txt -e '.[all]'``. The closure is walked from pyproject.toml through
each installed distribution's own requirements (extras and markers honoured), so tools that
happen to be installed but that storyline does not need stay out; storyline itself is left out.

    python .ci/constraints.py            # rewrite constraints.txt from this environment
    python .ci/constraints.py --check    # exit 1 if constraints.txt differs from it
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "constraints.txt"
HEADER = """\
# Exact versions of everything `pip install -e '.[all]'` installs, from the environment in which
# the whole suite passed (Python {python}). Regenerate with `python .ci/constraints.py`; install
# with `pip install -c constraints.txt -e '.[all]'`; audit with `pip-audit -r constraints.txt`.
"""


def _wanted(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": e}) for e in extras or {""})


def closure() -> dict[str, str]:
    """Canonical name -> installed version for the requirements of ``.[all]``, transitively."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    name = canonicalize_name(project["name"])
    todo: list[tuple[Requirement, set[str]]] = [
        (Requirement(r), set()) for r in project["dependencies"]
    ]
    for group, requirements in project["optional-dependencies"].items():
        todo += [(Requirement(r), {group}) for r in requirements]
    pinned: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        requirement, context = todo.pop()
        key = canonicalize_name(requirement.name)
        if not _wanted(requirement, context) or (key, frozenset(requirement.extras)) in seen:
            continue
        seen.add((key, frozenset(requirement.extras)))
        if key == name:  # storyline[...] inside "all": walk its extras, never pin it
            groups = project["optional-dependencies"]
            todo += [(Requirement(r), set()) for e in requirement.extras for r in groups[e]]
            continue
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            msg = f"{requirement.name} is required but not installed: install .[all] first"
            raise SystemExit(msg) from None
        pinned[key] = dist.version
        extras = set(requirement.extras)
        todo += [(Requirement(r), extras) for r in dist.requires or []]
    return pinned


def render() -> str:
    python = ".".join(map(str, sys.version_info[:3]))
    lines = [f"{name}=={version}" for name, version in sorted(closure().items())]
    return HEADER.format(python=python) + "\n".join(lines) + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv[1:]:
        if OUTPUT.read_text("utf-8") != text:
            raise SystemExit("constraints.txt differs from this environment")
        return
    OUTPUT.write_text(text, "utf-8")
    print(f"wrote {OUTPUT} ({text.count('==')} packages)")


if __name__ == "__main__":
    main()
