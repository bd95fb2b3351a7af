<?php
// Router of `php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php` for one corpus site:
// the site's uploads from its own folder (CORPUS_UPLOADS), static files as they are, every
// other path to WordPress's index.php (pretty permalinks need no .htaccess here).
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (str_starts_with($path, '/wp-content/uploads/')) {
    $file = getenv('CORPUS_UPLOADS') . substr($path, strlen('/wp-content/uploads'));
    if (!is_file($file) || str_contains($path, '..')) {
        http_response_code(404);
        return true;
    }
    header('Content-Type: ' . mime_content_type($file));
    readfile($file);
    return true;
}
if ($path !== '/' && is_file($_SERVER['DOCUMENT_ROOT'] . $path) && !str_ends_with($path, '.php')) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
