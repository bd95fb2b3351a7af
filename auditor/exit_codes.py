"""The exit codes of every command (DESIGN.md, Conventions): what a CI job reads."""

EXIT_OK = 0  # done; under `auditor check`, nothing at or above the failing severity
EXIT_FINDINGS = 1  # `check`: findings at or above the failing severity; `registry check`: problems;
# `registry discover`: no unit site found
EXIT_USAGE = 2  # bad input, a refused store or lock, an interrupted audit, or the tool itself failed
