"""Jobs of an audit: whole host groups, so that per-host politeness (one download slot, one
robots.txt and its Crawl-delay: auditor/crawl/hosts.py) holds across jobs.

A job is one host's group of sites while the registry has few hosts. A registry of many more
hosts than the workers' slots has them bundled: ``JOBS_PER_SLOT`` jobs a slot, each several
whole host groups, balanced by their number of sites. One crawler then runs many hosts at once,
as a single process does (50 polite hosts in 2 workers: 4 crawlers, not 50, each started one
after another in its worker), and still a failed job re-runs a bounded part of the audit while
the jobs' sizes even out over the slots.
"""

from __future__ import annotations

import heapq
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from auditor.crawl.hosts import group_by_host
from auditor.registry import Registry, Site

# Jobs a worker slot's share of the hosts is cut into: one would give the least crawlers, but a
# failure would re-run a whole slot's share, and a slot that drew the slow hosts would end alone.
JOBS_PER_SLOT = 2


@dataclass(frozen=True)
class Job:
    key: str  # its (first) host slot: "host:https://tinh.gov.vn:443", "... +12 hosts" for a bundle
    sites: tuple[str, ...]


def plan_jobs(registry: Registry, slots: int = 0) -> list[Job]:
    """The biggest jobs (most sites, so most pages) first, the registry's order among equals:
    the queue hands jobs out in this order, so the small ones fill the workers' last minutes
    instead of one big job running alone at the end while the other cores idle. One job a host,
    or, with more hosts than ``JOBS_PER_SLOT`` jobs for each of the workers' ``slots``, that many
    bundles of hosts."""
    groups = group_by_host({site.id: site.url for site in registry.sites})
    hosts = _biggest_first([Job(key, tuple(site_ids)) for key, site_ids in groups.items()])
    bundles = slots * JOBS_PER_SLOT
    if slots <= 0 or len(hosts) <= bundles:
        return hosts
    return _biggest_first(_bundled(hosts, bundles))


def _biggest_first(jobs: list[Job]) -> list[Job]:
    return sorted(jobs, key=lambda job: -len(job.sites))  # stable: registry order among equals


def _bundled(hosts: list[Job], count: int) -> list[Job]:
    """Largest-first partition: each host group, the biggest first, joins the bundle that has
    the fewest sites so far (the first such bundle among equals: the same plan every time)."""
    members: list[list[Job]] = [[] for _ in range(count)]
    lightest = [(0, index) for index in range(count)]
    for host in hosts:
        size, index = heapq.heappop(lightest)
        members[index].append(host)
        heapq.heappush(lightest, (size + len(host.sites), index))
    return [Job(f"{group[0].key} +{len(group) - 1} hosts" if len(group) > 1 else group[0].key,
                tuple(site for host in group for site in host.sites))
            for group in members if group]


def write_registry_file(registry: Registry, path: Path) -> Path:
    """The whole registry once per audit, beside the shards: every job judges links against
    every site of the province (the rules' registry hosts), whatever sites it crawls."""
    document = {"path": registry.path, "name": registry.name, "inspector": registry.inspector,
                "pack": registry.pack, "sites": [asdict(site) for site in registry.sites]}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return path


def read_registry_file(path: str | Path) -> Registry:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    return Registry(path=document["path"], sites=[Site(**site) for site in document["sites"]],
                    name=document["name"], inspector=document["inspector"], pack=document["pack"])
