#!/usr/bin/env python3
"""Runs commands in turns, round after round, and prints each one's median wall time, median CPU
(user + system of the process and its children) and largest peak RSS.

    bench/schema/interleaved.py ROUNDS NAME 'COMMAND' [NAME 'COMMAND' ...]

On a machine shared with other work the load changes from minute to minute; hyperfine measures one
command after the other, so a change of load lands on one of them. Taking turns (in reversed order
every other round) spreads it over all. Each command runs once first, unmeasured. Not a test.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2 != 0:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = list(zip(sys.argv[2::2], sys.argv[3::2]))
    for _, command in commands:
        run(command)
    results = {name: [] for name, _ in commands}
    for i in range(rounds):
        for name, command in commands if i % 2 == 0 else reversed(commands):
            results[name].append(run(command))
    print(f"{rounds} rounds; load average {' '.join(open('/proc/loadavg').read().split()[:3])}; cores {os.cpu_count()}")
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"{name:<14} wall {wall:.2f} s (min {min(r[0] for r in runs):.2f})  cpu {cpu:.2f} s  "
              f"peak RSS {max(r[2] for r in runs):.0f} MB")


if __name__ == "__main__":
    main()
