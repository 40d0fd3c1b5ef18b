#!/usr/bin/env python3
"""Runs a command and writes the peak resident memory of its whole process tree, in MB.

usage: tree-rss.py OUT_FILE COMMAND [ARG...]

/usr/bin/time reports the largest single process; a run made of several processes at once (the
JVM and its OPA server) needs their sum. Sampled every 5 ms from /proc, so very short peaks may be
missed. Exits with the command's exit code.
"""
import os
import subprocess
import sys
import time


def children():
    tree = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(pid))
        except (OSError, IndexError, ValueError):
            pass
    return tree


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss(root):
    tree = children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss_kb(pid)
        todo.extend(tree.get(pid, []))
    return total


out, command = sys.argv[1], sys.argv[2:]
proc = subprocess.Popen(command)
peak = 0
while proc.poll() is None:
    peak = max(peak, tree_rss(proc.pid))
    time.sleep(0.005)
with open(out, "w") as f:
    f.write(f"{peak // 1024}\n")
sys.exit(proc.returncode)
