"""Compare a rebuilt capture with the committed one (``hosts/NAME``), after a corpus's build.sh.

    python tests/cms/compare_capture.py tests/cms/nukeviet/hosts/tanthanh /tmp/nv/hosts/tanthanh \
        @tests/cms/nukeviet/build/per-run.args      # its masks, one argument a line

Says which files only one side has, which are byte-equal, which are equal once the per-run values
named by ``--mask NAME=REGEX`` are masked (tokens, install timestamps, visit counters), and prints
every line still different, with how many files it differs in, so that what is left can be read.
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections import Counter
from pathlib import Path


def relative_files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def masked(text: str, masks: list[tuple[str, re.Pattern]]) -> str:
    for name, pattern in masks:
        text = pattern.sub(f"«{name}»", text)
    return text


def changed_lines(old: str, new: str) -> list[str]:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def compare(committed: Path, rebuilt: Path, masks: list[tuple[str, re.Pattern]]) -> Counter:
    old_files, new_files = relative_files(committed), relative_files(rebuilt)
    for name in sorted(old_files - new_files):
        print("only committed:", name)
    for name in sorted(new_files - old_files):
        print("only rebuilt:  ", name)
    equal, equal_masked, different, left = 0, 0, [], Counter()
    for name in sorted(old_files & new_files):
        old_bytes, new_bytes = (committed / name).read_bytes(), (rebuilt / name).read_bytes()
        if old_bytes == new_bytes:
            equal += 1
            continue
        old, new = (masked(data.decode("utf-8", "replace"), masks) for data in (old_bytes, new_bytes))
        if old == new:
            equal_masked += 1
            continue
        different.append(name)
        left.update(set(changed_lines(old, new)))
    print(f"{len(old_files & new_files)} files on both sides: {equal} byte-equal, {equal_masked} equal "
          f"once masked, {len(different)} still different")
    for name in different:
        print("  still different:", name)
    return left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], fromfile_prefix_chars="@")
    parser.add_argument("committed", type=Path)
    parser.add_argument("rebuilt", type=Path)
    parser.add_argument("--mask", action="append", default=[], metavar="NAME=REGEX",
                        help="a value that changes from run to run, masked on both sides")
    args = parser.parse_args()
    masks = [(name, re.compile(regex)) for name, regex in (mask.split("=", 1) for mask in args.mask)]
    left = compare(args.committed, args.rebuilt, masks)
    for line, files in left.most_common():
        print(f"{files:4d} {line.strip()[:200]}")


if __name__ == "__main__":
    main()
