<?php
// Router of `php -S 127.0.0.1:8088 -t NUKEVIET_DIR router.php`: plays nginx in front of NukeViet.
// nginx's `try_files $uri $uri/ /index.php`: static files as they are, a folder's index.php, every
// unknown path to /index.php (NukeViet then answers 200 with its home page: a soft 404).
// SERVER_SOFTWARE says nginx because NukeViet turns its pretty URLs on only for servers it knows
// rewrite on (PHP's built-in server is not one of them).
$_SERVER['SERVER_SOFTWARE'] = 'nginx/1.22.1';
$root = $_SERVER['DOCUMENT_ROOT'];
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$target = $root . $path;
if (is_dir($target) && is_file(rtrim($target, '/') . '/index.php')) {
    $target = rtrim($target, '/') . '/index.php';
    $path = rtrim($path, '/') . '/index.php';
}
if (is_file($target) && substr($target, -4) !== '.php') {
    return false;
}
if (!is_file($target)) {
    $target = $root . '/index.php';
    $path = '/index.php';
}
$_SERVER['SCRIPT_NAME'] = $path;
$_SERVER['PHP_SELF'] = $path;
$_SERVER['SCRIPT_FILENAME'] = $target;
chdir(dirname($target));
require $target;
