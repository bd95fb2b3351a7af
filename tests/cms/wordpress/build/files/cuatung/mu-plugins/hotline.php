<?php
/*
 * Plugin Name: Đường dây nóng ở chân trang
 * Description: prints the hotline saved in the option "cuatung_hotline" at the foot of every page.
 * The option was never saved: with WP_DEBUG on, PHP's warning leaks into every page (planted TEC-003).
 */
add_action('wp_footer', function () {
    $hotline = get_option('cuatung_hotline');
    echo '<div class="hotline">Đường dây nóng: ' . esc_html($hotline['phone']) . '</div>';
});
