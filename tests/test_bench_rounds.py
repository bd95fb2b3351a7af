"""bench/report.py's rounds: each target is the median of its rounds' paired ratios, and the table
shows each run's median round. Runs made here by hand (no crawl): what is checked is the
arithmetic and what the report says of it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

from measure import Run  # noqa: E402
from report import Results, render_markdown, rounds_table, targets  # noqa: E402
from run import Plan  # noqa: E402


def run(name: str, cpu: float, wall: float, pages: int = 1000) -> Run:
    return Run(name=name, wall=wall, cpu=cpu, peak_rss_mb=100, exit_code=0, pages=pages)


def three_rounds() -> Results:
    results = Results(plan=Plan(rounds=3), site_pages=100)
    # (a) and (b) drift together: the paired ratios are 2.10, 1.90, 1.95
    results.rounds = {
        "a": [run("a", 7.0, 40), run("a", 8.0, 40), run("a", 6.0, 40)],
        "b": [run("b", 14.7, 70), run("b", 15.2, 76), run("b", 11.7, 60)],
        "w": [run("w", 15.0, 40), run("w", 15.0, 40), run("w", 15.0, 30)],
    }
    results.keep_median_rounds()
    return results


def measured(results: Results, what: str) -> str:
    return next(target for target in targets(results) if target.what.startswith(what))


def test_a_target_is_the_median_of_the_rounds_paired_ratios():
    target = measured(three_rounds(), "CPU per page")
    assert target.met  # rounds 2.10, 1.90, 1.95: median 1.95, though one round missed
    assert target.measured.startswith("1.95×")
    assert "median of 3 rounds: 2.10×, 1.90×, 1.95×" in target.measured


def test_the_speed_target_pairs_each_workers_run_with_its_rounds_single_process_run():
    target = measured(three_rounds(), "pages per second, 2 workers")
    # (b)/(w) walls: 70/40 = 1.75, 76/40 = 1.90, 60/30 = 2.00: median 1.90
    assert target.measured.startswith("1.90×") and target.met


def test_the_table_shows_each_runs_median_round():
    results = three_rounds()
    assert results.runs["a"].cpu == 7.0  # 6, 7, 8 ms a page
    assert results.runs["b"].cpu == 14.7  # 11.7, 14.7, 15.2
    assert results.runs["w"].wall == 40  # by wall: 30, 40, 40


def test_one_round_is_the_run_itself():
    results = Results(plan=Plan(rounds=1), site_pages=100)
    results.rounds = {"a": [run("a", 7.0, 40)], "b": [run("b", 14.7, 70)]}
    results.keep_median_rounds()
    target = measured(results, "CPU per page")
    assert target.measured == "2.10× (14.7 / 7.0 ms)" and not target.met
    assert rounds_table(results) == []


def test_the_markdown_lists_every_round():
    text = render_markdown(three_rounds())
    assert "| 1 | 7.0 ms | 14.7 ms | – | 70.0 s | 40.0 s | 2.10× | – | 1.75× |" in text
    assert "| 3 | 6.0 ms | 11.7 ms | – | 60.0 s | 30.0 s | 1.95× | – | 2.00× |" in text


@pytest.mark.parametrize("rounds", ["0", "-1"])
def test_rounds_below_one_are_refused(rounds, capsys):
    from run import parse_args

    with pytest.raises(SystemExit) as exit_:
        parse_args(["--rounds", rounds])
    assert exit_.value.code == 2 and "--rounds must be at least 1" in capsys.readouterr().err
