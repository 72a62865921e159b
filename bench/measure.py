"""What the load benchmarks measure a server with: its memory and CPU from /proc, and percentiles."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path


def rss_bytes(pid: int) -> int:
    """Resident memory of a process, from /proc/PID/status (VmRSS, in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far: by one process (user + system, /proc/PID/stat), or by the whole
    machine (every non-idle state, /proc/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    if pid is not None:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks
    states = [int(value) for value in Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()[1:]]
    return (sum(states) - states[3] - states[4]) / ticks  # all but idle and iowait


def percentile(samples: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]
