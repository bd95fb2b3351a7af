<?php
// Third round for "UBND xã Cửa Tùng" (issue 11, placeholder records): WordPress's own sample post,
// as wp_install_defaults() writes it at install (its title and text in the site's language,
// from WordPress's vi translation), dated at the moment of the deploy. A person sees the CMS's
// sample, not news: the site stays stale. Run: WORDPRESS_CONFIG=corpus-cuatung php site-cuatung-3.php
$_SERVER['HTTP_HOST'] = getenv('HTTP_HOST') ?: '127.0.0.1:8702';
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: 'corpus-cuatung';
require '/usr/share/wordpress/wp-load.php';
wp_set_current_user(1);
switch_to_locale('vi');

$slug = sanitize_title(_x('hello-world', 'Default post slug'));
if (get_page_by_path($slug, OBJECT, 'post')) {
    exit("already there\n");
}
$news = get_category_by_slug('tin-tuc');
wp_insert_post([
    'post_type' => 'post', 'post_status' => 'publish', 'post_author' => 1,
    'post_title' => __('Hello world!'),
    'post_name' => $slug,
    'post_content' => "<!-- wp:paragraph -->\n<p>"
        . __('Welcome to WordPress. This is your first post. Edit or delete it, then start writing!')
        . "</p>\n<!-- /wp:paragraph -->",
    'post_category' => [$news->term_id],
]);
echo "done: $slug\n";
