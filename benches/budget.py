#!/usr/bin/env python3
"""The performance budget: every command takes at most 3x as long as `skillgap --version`.

    benches/budget.py                  # builds the release binary, then times it
    benches/budget.py --runs 1000      # more turns for steadier figures
    benches/budget.py --binary PATH    # another build (no cargo build)

A ceiling, not a goal: the commands run in turns (--version, then each command, again and
again), each one spawned with its output to /dev/null and timed from spawn to exit, as
hyperfine -N does; on a VM whose speed drifts from minute to minute a ratio of medians taken
in turns is steadier than runs one after the other. Prints each command's median and its
ratio to --version, and exits 1 when any ratio is over the budget. The data the commands read
(saved results, a cohort folder) is made first in a temporary folder.
"""

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUDGET = 3.0
EXAMPLES = [
    os.path.join(ROOT, "examples", "answers", name)
    for name in (
        "pm-from-banking.yaml",
        "clinician-to-informatics.yaml",
        "software-engineer-to-healthcare.yaml",
    )
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="turns timed (after 20 more)")
    parser.add_argument("--binary", help="the skillgap to time (default: a release build)")
    args = parser.parse_args()
    binary = args.binary
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "skillgap")

    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, SKILLGAP_DATA_DIR=os.path.join(scratch, "data"), NO_COLOR="1")
        cohort = os.path.join(scratch, "cohort")
        os.mkdir(cohort)
        for n, answers in enumerate(EXAMPLES):
            quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
            # Saved, for history, report, compare and export; and a cohort of three files.
            subprocess.run([binary, "assess", "--answers", answers, "--format", "json"], **quiet)
            # The cohort: three people measured against the same profile.
            out = os.path.join(cohort, f"{n}.json")
            subprocess.run([binary, "assess", "--answers", EXAMPLES[0], "--person", f"P{n}",
                            "--no-save", "--format", "json", "-o", out], **quiet)
        banking = EXAMPLES[0]
        commands = [
            "--version",
            f"assess --answers {banking} --format json --no-save",
            f"assess --answers {banking} --no-save",
            f"eligibility --answers {banking}",
            "rubrics list",
            "rubrics validate",
            "history",
            "report",
            "compare latest~1 latest",
            "export --format html",
            f"cohort {cohort}",
            "answers template",
        ]
        times = run_in_turns(binary, [shlex.split(c) for c in commands], args.runs, env)

    floor = statistics.median(times[0])
    over = []
    for command, spent in zip(commands, times):
        median = statistics.median(spent)
        ratio = median / floor
        flag = "  OVER BUDGET" if ratio > BUDGET else ""
        print(f"{median / 1000:7.2f} ms  {ratio:5.2f}x  skillgap {command}{flag}")
        if ratio > BUDGET:
            over.append(command)
    if over:
        sys.exit(f"over {BUDGET}x --version: {', '.join(over)}")


def run_in_turns(binary, commands, runs, env):
    """Microseconds from spawn to exit of each command, over `runs` turns."""
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    times = [[] for _ in commands]
    for turn in range(runs + 20):
        for i, argv in enumerate(commands):
            start = time.perf_counter_ns()
            pid = os.posix_spawn(binary, [binary, *argv], env, file_actions=actions)
            _, status = os.waitpid(pid, 0)
            spent = (time.perf_counter_ns() - start) / 1000
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"skillgap {shlex.join(argv)} failed")
            if turn >= 20:
                times[i].append(spent)
    return times


if __name__ == "__main__":
    main()
