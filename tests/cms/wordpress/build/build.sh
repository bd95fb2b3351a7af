#!/bin/bash
# Rebuild the WordPress corpus from the committed seeds (by hand, as root; never in CI or the tests).
#
# Usage: build.sh WORKDIR [OUTDIR]
#   WORKDIR  an empty scratch folder: MariaDB's datadir and socket, each site's uploads and
#            mu-plugins, the logs. Nothing outside it is written but /etc/wordpress/config-corpus-*.php
#            (Debian's per-site configs, removed on exit).
#   OUTDIR   where the captured hosts go (default WORKDIR/hosts); compare with ../hosts before copying.
#
# Needs Debian 12's wordpress, wordpress-l10n, wordpress-theme-twentytwentyone,
# wordpress-theme-twentytwentythree, php-cli, php-mysql, mariadb-server (versions in ../SOURCE.md)
# and the project's virtualenv (capture_site.py uses lxml). Ports 8701 and 8702 must be free: they
# are the sites' siteurl in the seeds, and the captured pages were served from them.
set -euo pipefail
here=$(dirname "$(realpath "$0")")
repo=$(realpath "$here/../../../..")
work=$(realpath "$1")
out=$(realpath -m "${2:-$work/hosts}")
python=${PYTHON:-$repo/.venv/bin/python}
declare -A port=([huongphung]=8701 [cuatung]=8702)
# Cửa Tùng shows its mu-plugin's PHP warning (planted TEC-003): display_errors on, WP_DEBUG off,
# as in the first capture, which shows the warning but none of PHP 8.2's deprecation notices.
declare -A php_flags=([huongphung]="" [cuatung]="-d display_errors=1")
# Pages no page links to: WordPress's 404 of the theme (a soft 404 on the fixture server),
# robots.txt and the core sitemaps, and the author archives only the users sitemap lists.
extras_common=(/trang-khong-ton-tai/ /robots.txt /wp-sitemap.xml /wp-sitemap-posts-post-1.xml
    /wp-sitemap-posts-page-1.xml /wp-sitemap-taxonomies-category-1.xml /wp-sitemap-users-1.xml)
declare -A extras=([huongphung]="/author/admin/" [cuatung]="/author/admin/ /author/tranthimylinh/")

# shellcheck source=../../build_common.sh
source "$here/../../build_common.sh"

start_mariadb() {
    start_private_mariadb
    sql -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}

remove_site_configs() {
    rm -f /etc/wordpress/config-corpus-huongphung.php /etc/wordpress/config-corpus-cuatung.php
}
trap 'stop_servers; remove_site_configs' EXIT

load_site() {  # the seed, its files, its Debian config; uploads point into the work dir
    local site=$1
    zcat "$here/seed-$site.sql.gz" | sql wordpress
    sql wordpress -e "UPDATE ${site}_options SET option_value='$work/$site/uploads' WHERE option_name='upload_path'"
    mkdir -p "$work/$site/mu-plugins"
    cp -a "$here/files/$site/." "$work/$site/"
    sed "s#@SITE@#$site#g; s#@WORK@#$work#g" "$here/config-corpus.php.in" \
        >"/etc/wordpress/config-corpus-$site.php"
}

serve_and_capture() {
    local site=$1 origin="http://127.0.0.1:${port[$1]}"
    # shellcheck disable=SC2086  # php_flags is a word list
    WORDPRESS_CONFIG=corpus-$site CORPUS_UPLOADS="$work/$site/uploads" \
        php ${php_flags[$site]} -S "127.0.0.1:${port[$site]}" -t /usr/share/wordpress "$here/router.php" \
        >"$work/php-$site.log" 2>&1 &
    pids+=($!)
    wait_for curl -sf -o /dev/null "$origin/robots.txt"
    local args=(--rewrite-text-assets)
    for path in "${extras_common[@]}" ${extras[$site]}; do args+=(--extra "$path"); done
    "$python" "$repo/tests/cms/capture_site.py" "$origin/" "$out/$site" "${args[@]}" | tail -1
}

require_empty_workdir
mkdir -p "$work" "$out"
start_mariadb
for site in huongphung cuatung; do
    load_site "$site"
    serve_and_capture "$site"
done
