<?php
// Second round of content for "UBND xã Hướng Phùng" (tests/cms/wordpress, issue 11): what
// Decree 13/2018 Art. 11(1), Law 104/2016 Art. 19(1)(e) and Decree 224/2026 Art. 10(3)(b) ask
// and the first build lacked. Entered through WordPress's own API as the administrator, as an
// editor would in wp-admin: the "Tiếp cận thông tin" page rewritten, a page for the results of
// the satisfaction rating, and a custom-HTML widget with the rating form in the footer widget area.
// Run: WORDPRESS_CONFIG=corpus-huongphung HTTP_HOST=127.0.0.1:8701 php site-huongphung-2.php
$_SERVER['HTTP_HOST'] = getenv('HTTP_HOST') ?: '127.0.0.1:8701';
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: 'corpus-huongphung';
require '/usr/share/wordpress/wp-load.php';
wp_set_current_user(1);

function paragraph(string $html): string {
    return "<!-- wp:paragraph -->\n<p>$html</p>\n<!-- /wp:paragraph -->\n\n";
}

$access = get_page_by_path('tiep-can-thong-tin');
wp_update_post([
    'ID' => $access->ID,
    'post_content' =>
        paragraph('Danh mục thông tin phải được công khai của UBND xã Hướng Phùng (Điều 17 Luật Tiếp cận thông tin): văn bản của xã, dự toán và quyết toán ngân sách, quy hoạch sử dụng đất, thủ tục hành chính, danh sách cán bộ, công chức và số điện thoại liên hệ.')
        . paragraph('Đầu mối cung cấp thông tin: Văn phòng HĐND và UBND xã, điện thoại 0233 3880 100.')
        . paragraph('Địa chỉ tiếp nhận yêu cầu cung cấp thông tin: Bộ phận tiếp nhận và trả kết quả, UBND xã Hướng Phùng, thôn Phùng Lìn; email ubndhuongphung@quangtri.gov.vn.')
        . paragraph('Mẫu phiếu yêu cầu cung cấp thông tin: Mẫu số 01 kèm theo Nghị định số 13/2018/NĐ-CP, nhận tại Bộ phận tiếp nhận và trả kết quả; phiếu ghi họ tên, địa chỉ, số giấy tờ tùy thân của người yêu cầu, thông tin cần cung cấp và hình thức nhận thông tin.')
        . paragraph('Báo cáo tài chính năm 2025 của UBND xã: tổng thu ngân sách 17,9 tỷ đồng, tổng chi 17,4 tỷ đồng (công khai theo Quyết định số 08/QĐ-UBND ngày 15/01/2026).')
        . paragraph('Công khai dự toán ngân sách xã năm 2026 (Quyết định số 12/QĐ-UBND ngày 10/01/2026): tổng thu ngân sách 18,6 tỷ đồng, tổng chi 18,6 tỷ đồng.'),
]);

$results = get_page_by_path('danh-gia-muc-do-hai-long');
if (!$results) {
    wp_insert_post([
        'post_type' => 'page', 'post_status' => 'publish', 'post_author' => 1,
        'post_title' => 'Đánh giá mức độ hài lòng', 'post_name' => 'danh-gia-muc-do-hai-long',
        'post_date' => '2026-11-02 08:00:00',
        'post_content' =>
            paragraph('Người dân, tổ chức đánh giá mức độ hài lòng về thông tin trên Trang thông tin điện tử xã bằng phiếu đánh giá ở cuối mỗi trang: chọn Rất hài lòng, Hài lòng hoặc Chưa hài lòng rồi bấm Gửi đánh giá.')
            . paragraph('Văn phòng HĐND và UBND xã tổng hợp kết quả đánh giá hằng tháng, báo cáo Chủ tịch UBND xã và tiếp thu ý kiến để cải thiện chất lượng thông tin. Tháng 11/2026 có 214 lượt đánh giá: 61% rất hài lòng, 33% hài lòng, 6% chưa hài lòng.'),
    ]);
}

// The rating form: a custom-HTML block widget at the end of the footer widget area.
$blocks = get_option('widget_block');
$form = <<<HTML
<!-- wp:html -->
<form class="danh-gia-hai-long" action="/danh-gia-muc-do-hai-long/" method="get">
<fieldset><legend>Đánh giá mức độ hài lòng về thông tin trên trang</legend>
<label><input type="radio" name="muc-do" value="rat-hai-long"> Rất hài lòng</label>
<label><input type="radio" name="muc-do" value="hai-long"> Hài lòng</label>
<label><input type="radio" name="muc-do" value="chua-hai-long"> Chưa hài lòng</label>
<button type="submit">Gửi đánh giá</button>
</fieldset>
<p><a href="/danh-gia-muc-do-hai-long/">Kết quả đánh giá mức độ hài lòng</a></p>
</form>
<!-- /wp:html -->
HTML;
$blocks[5] = ['content' => $form];
update_option('widget_block', $blocks);
$sidebars = get_option('sidebars_widgets');
if (!in_array('block-5', $sidebars['sidebar-1'], true)) {
    $sidebars['sidebar-1'][] = 'block-5';
    update_option('sidebars_widgets', $sidebars);
}
echo "done\n";
