"""Run a benchmark module and record what it prints as its section of BENCHMARKS.md.

    python -m benchmarks.record dedup --sweep
    python -m benchmarks.record ecbplus

The module's ``main()`` runs with the remaining arguments; its printed tables become the section,
so each benchmark keeps one job (measure and print) and BENCHMARKS.md is written in one place.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys

from benchmarks.report import machine, write_section


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit("usage: python -m benchmarks.record MODULE [ARGS...]")
    name, args = sys.argv[1], sys.argv[2:]
    module = importlib.import_module(f"benchmarks.{name}")
    buffer = io.StringIO()
    sys.argv = [f"benchmarks.{name}", *args]
    with contextlib.redirect_stdout(buffer):
        module.main()
    output = buffer.getvalue()
    sys.stdout.write(output)
    lines = [line for line in output.splitlines() if not line.lower().startswith("wrote ")]
    # Per-case diagnostics ("X missed: ...") stay on the terminal; the section keeps the tables.
    lines = [line for line in lines if " missed: " not in line]
    command = " ".join(["python -m benchmarks.record", name, *args])
    write_section(name.replace("_", "-"), "\n".join(lines), command=command, machine=machine())


if __name__ == "__main__":
    main()
