#!/usr/bin/env python3
"""Writes benches/link-order.txt: the functions that start-up and the everyday commands run,
so the linker puts them next to each other at the front of the binary.

A short command spends much of its time on page faults: each first touch of a 64 KB stretch
of code costs one. Unordered, a scored run touches code in about 46 such stretches spread
over 5 MB; with the functions it runs laid out together, in about 15. `build.rs` passes the
file to the linker (lld's --symbol-ordering-file) in release builds.

    benches/link_order.py            # builds, runs the commands under callgrind and
                                     # rewrites the list (needs valgrind)
    benches/link_order.py --check    # builds and says how much of the list the
                                     # binary has; fails under 90%

Run it again after a toolchain update or a large change: the names carry hashes that a new
rustc changes, and a name the binary lacks is skipped (so a stale file only costs speed).
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "skillgap")
ANSWERS = [
    "examples/answers/pm-from-banking.yaml",
    "examples/answers/clinician-to-informatics.yaml",
    "examples/answers/software-engineer-to-healthcare.yaml",
]

# Most important first: start-up, then a scored run, then the other everyday commands.
COMMANDS = (
    [["--version"], ["--help"]]
    + [["assess", "--no-save", "--answers", a, "--format", "json"] for a in ANSWERS]
    + [
        ["assess", "--no-save", "--answers", ANSWERS[0], "--format", f]
        for f in ("table", "markdown", "html", "csv")
    ]
    + [
        ["eligibility", "--answers", ANSWERS[0]],
        ["rubrics", "list"],
        ["assess", "--answers", ANSWERS[1], "--format", "json"],
        ["history"],
        ["report", "--format", "table"],
        ["cohort", "--format", "table"],
    ]
)

FUNCTION = re.compile(r"^c?fn=\(\d+\) (.+)$")


def functions_run(argv: list[str], data: str, out: str) -> list[str]:
    """Every function `skillgap argv` runs, in the order callgrind lists them."""
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", BIN]
        + argv,
        cwd=ROOT,
        env={**os.environ, "SKILLGAP_DATA_DIR": data, "NO_COLOR": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    names = []
    with open(out, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = FUNCTION.match(line.strip())
            if m:
                names.append(m.group(1))
    return names


def main() -> None:
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    listed = subprocess.run(["nm", BIN], capture_output=True, text=True, check=True).stdout
    in_binary = {
        parts[2]
        for parts in (line.split() for line in listed.splitlines())
        if len(parts) == 3 and parts[1] in "tTwW"
    }
    if sys.argv[1:] == ["--check"]:
        with open(os.path.join(ROOT, "benches", "link-order.txt"), encoding="utf-8") as f:
            wanted = [line.strip() for line in f if line.strip()]
        found = sum(name in in_binary for name in wanted)
        share = found / max(len(wanted), 1)
        print(f"link-order.txt: {found} of {len(wanted)} functions are in the binary ({share:.0%})")
        if share < 0.9:
            sys.exit("link-order.txt is stale: run benches/link_order.py to write it again")
        return
    order, seen = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        for n, argv in enumerate(COMMANDS):
            for name in functions_run(argv, data, os.path.join(tmp, f"{n}.out")):
                if name in in_binary and name not in seen:
                    seen.add(name)
                    order.append(name)
    with open(os.path.join(ROOT, "benches", "link-order.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(order) + "\n")
    print(f"link-order.txt: {len(order)} functions", file=sys.stderr)


if __name__ == "__main__":
    main()
