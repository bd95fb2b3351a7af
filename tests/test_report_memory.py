"""The reports step stays flat with the registry's size (issue 14): render_audit writes each
site's report as soon as it is built and keeps only the summary the overviews read, so four
times the sites do not take four times the memory."""

from __future__ import annotations

import tracemalloc

from nationdata import nation_store

from auditor.reports import render_audit


def render_peak(folder, communes: int) -> int:
    """Bytes allocated at the peak of rendering one audit of ``communes`` communes (4 provinces)."""
    store, audits = nation_store(folder / f"n{communes}.db", communes=communes, provinces=4)
    try:
        tracemalloc.start()
        try:
            render_audit(store, audits[-1], folder / f"out{communes}")
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        store.close()


def test_four_times_the_sites_do_not_take_four_times_the_memory(tmp_path):
    render_peak(tmp_path, 4)  # templates compiled, catalogue read: what every render shares
    small, large = render_peak(tmp_path, 30), render_peak(tmp_path, 120)
    # Holding every site's report grew by ~140 KB a site (90 sites more: ~12 MB); what is kept
    # now is a summary a site, a few KB.
    assert large - small < 1_500_000, (small, large)


def test_the_summaries_kept_for_the_overviews_share_what_every_site_repeats(tmp_path):
    from auditor.reports.context import AuditContext
    from auditor.reports.model import build_site_report
    from auditor.reports.overview import summarize

    store, audits = nation_store(tmp_path / "n.db", communes=6, provinces=2)
    try:
        ctx = AuditContext(store, audits[-1], "vi")
        first, second = (summarize(build_site_report(ctx, row)) for row in ctx.sites[-2:])
    finally:
        store.close()
    assert first.audit is second.audit  # one header for the audit, not one a site
    second_tallies = {tally.rule: tally for tally in second.rules}
    common = [tally for tally in first.rules if tally.rule in second_tallies]
    assert common, "the two sites have no criterion with findings in common"
    for tally in common:  # each site's findings were read anew; their texts are kept once
        other = second_tallies[tally.rule]
        assert tally.title == other.title and tally.title is other.title
        assert tally.basis is other.basis
