#!/bin/sh
# How seed-huongphung.sql.gz and seed-cuatung.sql.gz were made (run once, by hand, as root).
#
# Usage: dump-seeds.sh DATADIR WORKDIR
#   DATADIR  the MariaDB datadir the corpus was captured from (the first build's database after the
#            second and third rounds of content, build/README.md); it is copied, never opened in place.
#   WORKDIR  an empty scratch folder (the copy, the socket and the log go there).
#
# A private mariadbd on a unix socket (no TCP) serves the copy; mysqldump writes each site's tables
# (prefix huongphung_ or cuatung_); what is not content is removed first: transients (caches
# WordPress rebuilds), the nonce key and salt WordPress generated (it makes new ones when they are
# missing; no page a visitor sees prints a nonce), login sessions, and the real password hashes, replaced by the MD5 of the
# documented dummy password "corpus-dummy" (WordPress accepts an MD5 hash and rehashes it at login).
set -eu
datadir=$1
work=$(realpath "$2")
here=$(dirname "$(realpath "$0")")
cp -a "$datadir" "$work/db"
mariadbd --no-defaults --user=root --datadir="$work/db" --socket="$work/mysqld.sock" \
    --skip-networking --pid-file="$work/mysqld.pid" --log-error="$work/mysqld.err" &
db_pid=$!
trap 'kill "$db_pid"; wait "$db_pid" || true' EXIT
for _ in $(seq 50); do [ -S "$work/mysqld.sock" ] && break; sleep 0.2; done
sql() { mariadb --no-defaults --socket="$work/mysqld.sock" -u root wordpress -e "$1"; }
for site in huongphung cuatung; do
    sql "DELETE FROM ${site}_options WHERE option_name LIKE '\\_transient\\_%' OR option_name LIKE '\\_site\\_transient\\_%';
         DELETE FROM ${site}_options WHERE option_name IN ('nonce_key', 'nonce_salt');
         DELETE FROM ${site}_usermeta WHERE meta_key = 'session_tokens';
         UPDATE ${site}_users SET user_pass = MD5('corpus-dummy'), user_activation_key = '';"
    tables=$(mariadb --no-defaults --socket="$work/mysqld.sock" -u root -N wordpress \
        -e "SHOW TABLES LIKE '${site}\\_%'")
    # --skip-dump-date and --skip-comments keep the seed byte-stable from one dump to the next
    mysqldump --no-defaults --socket="$work/mysqld.sock" -u root --skip-dump-date --skip-comments \
        --skip-extended-insert --default-character-set=utf8mb4 wordpress $tables \
        | gzip -9n > "$here/seed-$site.sql.gz"
done
