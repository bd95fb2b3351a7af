<?php
// Second round of content for "UBND xã Cửa Tùng" (tests/cms/wordpress, issue 11): one news post,
// dated before the site's newest (the site stays stale), with press photos hot-linked from the
// image CDNs of the big news sites (Znews's znews-photo.zingcdn.me, a photo-cms-* host of Báo
// Nghệ An on zadn.vn) and, as a decoy, Zalo's share icon from stc-zaloprofile.zadn.vn (the same
// CDN domain, but a platform's static file, no press photo). Entered through WordPress's API as
// the administrator, as an editor pasting pictures by URL in the block editor would.
// Run: WORDPRESS_CONFIG=corpus-cuatung HTTP_HOST=127.0.0.1:8702 php site-cuatung-2.php
$_SERVER['HTTP_HOST'] = getenv('HTTP_HOST') ?: '127.0.0.1:8702';
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: 'corpus-cuatung';
require '/usr/share/wordpress/wp-load.php';
wp_set_current_user(1);

if (get_page_by_path('doan-khao-sat-du-lich-den-cua-tung', OBJECT, 'post')) {
    exit("already there\n");
}
$content = <<<HTML
<!-- wp:image -->
<figure class="wp-block-image"><img src="https://znews-photo.zingcdn.me/w660/Uploaded/ovhpaob/2026_07_30/ben_thuyen_cua_tung.jpg" alt="Đoàn khảo sát tại bến thuyền Cửa Tùng"/><figcaption class="wp-element-caption">Ảnh: Znews</figcaption></figure>
<!-- /wp:image -->

<!-- wp:paragraph -->
<p>Ngày 30/7/2026, UBND xã Cửa Tùng đón đoàn khảo sát gồm 25 doanh nghiệp lữ hành của các tỉnh Bắc Trung Bộ đến tìm hiểu sản phẩm du lịch biển và làng chài truyền thống.</p>
<!-- /wp:paragraph -->

<!-- wp:image -->
<figure class="wp-block-image"><img src="https://photo-cms-baonghean.zadn.vn/w607/Uploaded/2026/ftztfgd/2026_07_30/doan-khao-sat.jpg" alt="Doanh nghiệp lữ hành trao đổi với ngư dân"/></figure>
<!-- /wp:image -->

<!-- wp:paragraph -->
<p>Đoàn đã tham quan bãi tắm, chợ cá và khu di tích địa đạo, trao đổi với các hộ kinh doanh về giá dịch vụ, chỗ nghỉ cho khách đoàn. Xã cam kết niêm yết giá công khai và bố trí thêm lực lượng cứu hộ vào mùa cao điểm.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p><img src="https://stc-zaloprofile.zadn.vn/pc/v1/images/zalo_sharelogo.png" alt="Zalo" width="24" height="24"/> Theo dõi Zalo OA của UBND xã Cửa Tùng để nhận lịch các đoàn khảo sát tiếp theo.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Tác giả: Nguyễn Văn Hòa</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Nguồn: UBND xã Cửa Tùng</p>
<!-- /wp:paragraph -->
HTML;
$news = get_category_by_slug('tin-tuc');
wp_insert_post([
    'post_type' => 'post', 'post_status' => 'publish', 'post_author' => 1,
    'post_title' => 'Đoàn khảo sát du lịch đến Cửa Tùng',
    'post_name' => 'doan-khao-sat-du-lich-den-cua-tung',
    'post_date' => '2026-08-01 09:00:00',
    'post_category' => [$news->term_id],
    'post_content' => $content,
]);
echo "done\n";
