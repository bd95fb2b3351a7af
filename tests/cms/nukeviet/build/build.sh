#!/bin/bash
# Rebuild the NukeViet corpus (hosts/tanthanh) from NukeViet's code and our content
# (by hand, as root; never in CI or the tests).
#
# Usage: build.sh NUKEVIET_DIR WORKDIR [OUTDIR]
#   NUKEVIET_DIR  a checkout of NukeViet 4.5.05, e.g.
#                 git --git-dir=NUKEVIET.git archive 4.5.05 | tar -x -C NUKEVIET_DIR
#                 (copied into WORKDIR/site: the installer writes into its tree)
#   WORKDIR       an empty scratch folder: the site, MariaDB's datadir and socket, the logs
#   OUTDIR        where hosts/tanthanh is captured (default WORKDIR/hosts); compare before copying
#
# Needs Debian 12's php8.2-cli with php8.2-mysql, -gd, -curl, -mbstring, -xml, -zip, -intl,
# mariadb-server, the project's virtualenv (capture_site.py uses lxml), and port 8088 free (the
# site's address is stored at install: the captured pages were served from it).
set -euo pipefail
here=$(dirname "$(realpath "$0")")
repo=$(realpath "$here/../../../..")
corpus="$repo/tests/cms/nukeviet/hosts/tanthanh"
nukeviet=$(realpath "$1")
work=$(realpath "$2")
out=$(realpath -m "${3:-$work/hosts}")
python=${PYTHON:-$repo/.venv/bin/python}
origin=http://127.0.0.1:8088

# shellcheck source=../../build_common.sh
source "$here/../../build_common.sh"
trap stop_servers EXIT

start_mariadb() {
    start_private_mariadb
    # the database and user the installer is given (drive_web.py); dummies of this throwaway install
    sql -e "CREATE DATABASE nv CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
            CREATE USER nv@localhost IDENTIFIED BY 'nvpass'; GRANT ALL ON nv.* TO nv@localhost;"
}

start_php() {  # PDO reaches MariaDB on its socket ("localhost" in NukeViet's config)
    php -d pdo_mysql.default_socket="$work/mysqld.sock" -S 127.0.0.1:8088 -t "$work/site" \
        "$here/router.php" >"$work/php.log" 2>&1 &
    pids+=($!)
    wait_for curl -s -o /dev/null "$origin/robots.txt"
}

add_content() {
    "$python" "$here/content.py" | sql nv
    # our images (one 73-byte PNG, some copies named .jpg as an editor's uploads often are), from
    # the corpus; NukeViet makes the thumbnails (assets/news/…, data/tmp/…) itself when a page asks
    for folder in uploads/news/2026_11 uploads/about uploads/banners; do
        mkdir -p "$work/site/$folder"
        cp "$corpus/$folder/"* "$work/site/$folder/"
    done
    # the content went in behind NukeViet's back: drop its file cache, as saving in admin would
    find "$work/site/data/cache" -mindepth 1 ! -name index.html -delete
}

capture() {
    "$python" "$repo/tests/cms/capture_site.py" "$origin/" "$out/tanthanh" --alias http://127.0.0.1 \
        --skip /admin/ --skip /two-step-verification/ --extra /trang-khong-ton-tai/ | tail -1
    # Not kept (SOURCE.md): NukeViet's own theme files, scripts, fonts and icons (its code, which
    # this repository does not hold); the two missing PDF attachments, which NukeViet answers with
    # the soft-404 home page: deleted, the fixture server answers 404 for them (planted TEC-004).
    rm -rf "$out/tanthanh/themes" "$out/tanthanh/assets/js" "$out/tanthanh/assets/css" \
        "$out/tanthanh/assets/fonts" "$out/tanthanh/assets/images"
    find "$out/tanthanh" \( -name '*.js' -o -name '*.css' -o -name '*.pdf' \) -delete
    find "$out/tanthanh" -type d -empty -delete
}

require_empty_workdir
mkdir -p "$work" "$out"
mkdir "$work/site"
cp -a "$nukeviet/." "$work/site/"
start_mariadb
start_php
"$python" "$here/drive_web.py" install "$origin/"
"$python" "$here/drive_web.py" save-system "$origin/"
add_content
capture
