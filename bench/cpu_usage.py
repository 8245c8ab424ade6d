#!/usr/bin/env python3
"""CPU time of the processes in a benchmark, per group, between two moments (from /proc).

  cpu_usage.py snapshot FILE NAME=PID|NAME=comm:COMMAND|NAME=pg:DATABASE ...   remember the CPU used so far
  cpu_usage.py since FILE UNITS                                 CPU used since, per group and per unit

A process that started after the snapshot counts from zero (PostgreSQL starts a backend per
connection); one that ended is not counted (its time is lost to the sum, so keep the processes
alive until `since`)."""
import json, os, subprocess, sys

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """[user, system] seconds of the process, or None once it has ended."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return [int(fields[11]) / TICK, int(fields[12]) / TICK]
    except (FileNotFoundError, ProcessLookupError):
        return None


def members(spec):
    if spec.startswith("pg:"):
        # The backends of one database and PostgreSQL's own processes (WAL writer, checkpointer, ...),
        # not the backends of other databases: the machine may be running other work on the same server.
        database = spec[3:]
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc",
                              "SELECT pid FROM pg_stat_activity WHERE (datname = current_database() AND pid <> pg_backend_pid())"
                              " OR backend_type NOT IN ('client backend', 'autovacuum worker')"],
                             capture_output=True, text=True, check=True).stdout
        return [int(pid) for pid in out.split()]
    if spec.startswith("comm:"):
        name = spec[5:]
        pids = []
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    with open(f"/proc/{pid}/comm") as f:
                        if f.read().strip() == name:
                            pids.append(int(pid))
                except OSError:
                    pass
        return pids
    return [int(spec)]


def measure(groups):
    return {name: {str(pid): cpu_seconds(pid) for pid in members(spec)} for name, spec in groups.items()}


if sys.argv[1] == "snapshot":
    groups = dict(arg.split("=", 1) for arg in sys.argv[3:])
    with open(sys.argv[2], "w") as f:
        json.dump({"groups": groups, "cpu": measure(groups)}, f)
elif sys.argv[1] == "since":
    with open(sys.argv[2]) as f:
        before = json.load(f)
    units = int(sys.argv[3])
    after = measure(before["groups"])
    parts = []
    for name, pids in after.items():
        user = system = 0.0
        for pid, now in pids.items():
            if now is not None:
                then = before["cpu"][name].get(pid) or [0.0, 0.0]
                user += now[0] - then[0]
                system += now[1] - then[1]
        used = user + system
        parts.append(f"{name} {used * 1e6 / max(units, 1):,.0f} µs ({system * 100 / used if used else 0:.0f}% in the kernel)")
    print(", ".join(parts))
