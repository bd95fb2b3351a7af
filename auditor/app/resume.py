"""Resuming an interrupted audit: what is stored stays, what is missing is fetched, once.

An audit stopped by Ctrl-C, a crash or ``kill -9`` leaves in the store every page of every
batch written before it stopped (a batch is one transaction: all of it or none). Resuming it
(``auditor audit --resume [ID]``) runs the same registry with the same bounds and, per site:

* the pages already stored are not fetched again: their URLs (requested and final) go into the
  site's ``seen`` set, so they count against the page budget and the trap guard as before;
* the frontier is rebuilt from the store, not from a saved queue: every link found on a stored
  page, within the site, whose target is not stored yet, with the depth of its shallowest
  referrer plus one. The requests that were queued when the audit stopped are exactly such
  links, and so are the pages of a lost batch (their referrers were written before them);
* a stored home page is not fetched again either: the site's status is judged from its row;
* attachments already checked are not checked again.

Writes are ``insert or ignore`` on (audit, url), so even a page fetched twice is stored once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from auditor.errors import UsageError
from auditor.registry import Registry, Site
from auditor.spiders.urls import canonical
from auditor.store.database import Store


@dataclass
class SiteResume:
    stored: set[str] = field(default_factory=set)  # canonical URLs (requested and final)
    home: dict | None = None  # the stored row of the home page: status, error
    frontier: list[tuple[str, int, str]] = field(default_factory=list)  # (url, depth, found on)
    attachments: set[str] = field(default_factory=set)  # attachment URLs already checked


def resumable_audit(store: Store, audit_id: int | None) -> dict:
    """The audit to resume: the one named, or the latest that did not complete."""
    if audit_id is not None:
        audit = store.audit(audit_id)
        if audit is None:
            raise UsageError(f"{store.path}: no audit {audit_id} to resume")
    else:
        audit = store.latest_unfinished_audit()
        if audit is None:
            raise UsageError(f"{store.path}: no interrupted audit to resume "
                             "(every audit in it is complete)")
    if audit["status"] == "complete":
        raise UsageError(f"{store.path}: audit {audit['id']} is complete; nothing to resume")
    return audit


def resume_state(store: Store, audit_id: int, home_urls: dict[str, str]) -> dict[str, SiteResume]:
    """Per site id: what is stored and what is left to fetch."""
    state = {}
    for site_id, row_id in store.site_ids(audit_id).items():
        resume = SiteResume()
        rows = {}
        for page in store.stored_pages(row_id):
            for url in (page["url"], page["final_url"]):
                if url:
                    resume.stored.add(canonical(url))
            rows[canonical(page["url"])] = page
        home = home_urls.get(site_id)
        resume.home = rows.get(canonical(home)) if home else None
        resume.frontier = [(url, depth, found_on)
                           for url, depth, found_on in store.links_to_follow(row_id)
                           if url and canonical(url) not in resume.stored]
        resume.attachments = {canonical(url) for url in store.attachment_urls(row_id)}
        state[site_id] = resume
    return state


def stored_registry(audit: dict) -> Registry:
    """The registry the audit ran with, as the store keeps it (the file may have changed)."""
    sites = [Site(**site) for site in json.loads(audit["registry"] or "[]")]
    return Registry(path=audit["registry_path"] or "", sites=sites, name=audit["name"] or "",
                    inspector=audit["inspector"] or "", pack=audit["pack"] or "")


def prepare_resume(store: Store, audit_id: int | None, overrides: dict):
    """(audit id, registry, settings overrides, per-site state) to continue an audit with.

    The bounds are those the audit started with; options given now (say a longer --max-time)
    take precedence.
    """
    audit = resumable_audit(store, audit_id)
    registry = stored_registry(audit)
    recorded = json.loads(audit["settings"] or "{}").get("overrides", {})
    merged = {**recorded, **{name: value for name, value in overrides.items() if value is not None}}
    state = resume_state(store, audit["id"], {site.id: site.url for site in registry.sites})
    return audit["id"], registry, merged, state
