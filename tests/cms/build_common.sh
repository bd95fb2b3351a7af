# Shared by tests/cms/*/build/build.sh (sourced, bash): the work dir check, the servers they start
# and stop, and the private MariaDB. Expects $work (an absolute path) to be set.

pids=()  # every server started, stopped on exit by its own pid
stop_servers() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}

wait_for() {  # a command that succeeds once the server is up, tried for ten seconds
    for _ in $(seq 50); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    echo "not up: $*" >&2; return 1
}

require_empty_workdir() {  # never start MariaDB or PHP on someone's data
    if [ -n "$(ls -A "$work" 2>/dev/null)" ]; then
        echo "WORKDIR $work is not empty" >&2; exit 2
    fi
}

sql() { mariadb --no-defaults --socket="$work/mysqld.sock" -u root "$@"; }

start_private_mariadb() {  # own datadir under $work, unix socket only, no TCP
    mariadb-install-db --no-defaults --user=root --datadir="$work/db" --skip-test-db \
        >"$work/mariadb-install.log" 2>&1
    mariadbd --no-defaults --user=root --datadir="$work/db" --socket="$work/mysqld.sock" \
        --skip-networking --pid-file="$work/mysqld.pid" --log-error="$work/mysqld.err" &
    pids+=($!)
    wait_for test -S "$work/mysqld.sock"
}
