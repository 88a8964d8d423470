#!/usr/bin/env python3
"""Times commands run in turns (A, B, A, B, ...) and prints each one's median and its ratio to
the first: on a VM whose speed drifts from minute to minute, a ratio of medians taken in turns
is steadier than two runs of hyperfine one after the other.

    benches/turns.py 1500 './target/release/skillgap --version' \
        './target/release/skillgap assess --no-save --answers examples/answers/pm-from-banking.yaml --format json'

The first argument is how many times each command runs (after 50 unrecorded turns). Output
goes to /dev/null; each time is spawn to exit, as hyperfine -N measures it. Python's own share
of each spawn is the same for every command, so it lowers a ratio a little, never raises it.
"""

import os
import shlex
import statistics
import sys
import time


def main() -> None:
    runs = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [
        (os.POSIX_SPAWN_DUP2, null, 1),
        (os.POSIX_SPAWN_DUP2, null, 2),
    ]
    times = [[] for _ in commands]
    for turn in range(runs + 50):
        for i, argv in enumerate(commands):
            start = time.perf_counter_ns()
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
            os.waitpid(pid, 0)
            if turn >= 50:
                times[i].append((time.perf_counter_ns() - start) / 1000)
    first = statistics.median(times[0])
    for argv, t in zip(commands, times):
        median = statistics.median(t)
        print(f"{median:8.1f} µs  {median / first:5.3f}×  {shlex.join(argv)}")


if __name__ == "__main__":
    main()
