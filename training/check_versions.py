"""Compare the installed Python packages with training/requirements.txt.

Usage: python3 -m training.check_versions torch onnx numpy
Prints one line: the versions found, or a warning naming each package whose major.minor version differs
from its pin (or that is missing). Only major.minor counts because Debian's builds report their own patch
level (python3-torch 1.13.1 reads 1.13.0a0). Exits 0 either way: other versions may well work, but the
shipped model was built with the pinned ones, so results may not match it exactly.
"""
from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent / "requirements.txt"
MODULES = {"scikit-learn": "sklearn"}  # distribution name -> import name, where they differ


def read_pins(path: Path = REQUIREMENTS) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            name, version = requirement.split("==")
            pins[MODULES.get(name.strip(), name.strip())] = version.strip()
    return pins


def major_minor(version: str) -> str:
    match = re.match(r"(\d+)\.(\d+)", version)
    return f"{match.group(1)}.{match.group(2)}" if match else version


def check(names: list[str]) -> list[str]:
    """Problems with the named modules; empty when each has its pinned major.minor version."""
    pins, problems = read_pins(), []
    for name in names:
        if name not in pins:
            raise SystemExit(f"{name} is not pinned in {REQUIREMENTS}")
        try:
            found = importlib.import_module(name).__version__
        except ImportError:
            problems.append(f"{name} is not installed ({pins[name]} pinned)")
            continue
        if major_minor(found) != major_minor(pins[name]):
            problems.append(f"{name} {found} instead of {pins[name]}")
    return problems


def main(names: list[str]) -> int:
    problems = check(names)
    if problems:
        print(f"!! python packages differ from training/requirements.txt: {'; '.join(problems)}. The pipeline may "
              "still run, but its results will not match the shipped model exactly; install the pinned versions "
              "(Debian 12: apt-get install python3-torch python3-onnx python3-numpy python3-sklearn) to reproduce it.")
    else:
        found = ", ".join(f"{n} {importlib.import_module(n).__version__}" for n in names)
        print(f"== python packages as pinned in training/requirements.txt: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["torch", "onnx", "numpy"]))
