"""A description of the machine and the software a benchmark ran on."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.platform()


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def describe(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        "CPU": f"{_cpu_model()}, {os.cpu_count()} cores",
        "RAM": f"{_ram_gb():.1f} GB",
        "OS": f"{_os_name()} (Linux {platform.release()})",
        "Python": platform.python_version(),
        "Scrapy": _package("scrapy"),
        "Twisted": _package("twisted"),
        "lxml": _package("lxml"),
        "auditor": _package("vngov-auditor"),
        **(extra or {}),
    }
