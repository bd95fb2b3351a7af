"""A job's site rules, run in its shard by the worker that crawled it, before the seal.

The site rules read a site's own rows and, of its parent, only the url and domain, which the
registry gives (auditor/judge/sitefacts.py): a job can judge its sites as soon as its crawl
ended, on its worker's core, instead of the dispatcher judging every site, one core, after the
last merge. The site findings travel in the shard and are merged with the rest of it.
"""

from __future__ import annotations

from auditor.crawl.state import CrawlState
from auditor.store.database import Store


def parent_rows(registry_sites) -> dict[str, dict]:
    """What a site's facts read of its parent, by site key, from the registry."""
    return {site.id: {"url": site.url, "domain": site.domain} for site in registry_sites}


def judge_shard_sites(crawler) -> None:
    """The site rules over the job's sites, their findings into the shard being written."""
    from auditor.crawl.pipeline import build_engine
    from auditor.judge.sitefacts import judge_sites

    state = CrawlState.of(crawler)
    if state is None or state.audit_id is None:
        return
    store = Store(crawler.settings.get("AUDITOR_DB"))
    try:
        engine = state.engine or build_engine(store, state.audit_id, state.registry,
                                              crawler.settings, state.registry_sites)
        judge_sites(store, state.audit_id, engine, parents=parent_rows(state.registry_sites))
        store.link_findings_to_pages(state.audit_id)
    finally:
        store.close()
