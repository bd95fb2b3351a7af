"""Jobs of an audit: the sites of one host form one job, so that per-host politeness (one
download slot, one robots.txt and its Crawl-delay: auditor/crawl/hosts.py) holds across jobs."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from auditor.crawl.hosts import group_by_host
from auditor.registry import Registry, Site


@dataclass(frozen=True)
class Job:
    key: str  # the host slot: "host:https://tinh.gov.vn:443"
    sites: tuple[str, ...]


def plan_jobs(registry: Registry) -> list[Job]:
    """The biggest jobs (most sites, so most pages) first, the registry's order among equals:
    the queue hands jobs out in this order, so the small ones fill the workers' last minutes
    instead of one big job running alone at the end while the other cores idle."""
    groups = group_by_host({site.id: site.url for site in registry.sites})
    jobs = [Job(key, tuple(site_ids)) for key, site_ids in groups.items()]
    return sorted(jobs, key=lambda job: -len(job.sites))


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
