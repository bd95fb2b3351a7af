"""`auditor registry discover`: a fixture provincial portal on 127.0.0.1 whose links name the
sites of its units (directory, site picker, subsite prefixes, hosts under the province's domain,
mapped to 127.0.0.1 with --resolve), and everything that is not a unit site."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from auditor import toml
from auditor.demo.server import closed_port
from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK
from conftest import run_cli
from servers import html, serve

PROVINCE = "quangtri.gov.vn"


def _home(title: str) -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"


UNIT_HOSTS = {  # host label -> home page title
    "huonglap": "Cổng thông tin điện tử xã Hướng Lập",
    "dongha": "Trang chủ - UBND phường Đông Hà",
    "huonghoa": "Cổng TTĐT huyện Hướng Hóa",  # an old district's site, still online
    "ango": "UBND xã A Ngo",
    "khongten": "Xã La Lay - Quảng Trị",  # linked by a banner without text: named by its title
}
OTHER_HOSTS = {
    "soyte": "Sở Y tế tỉnh Quảng Trị",  # a department: not an administrative unit
    "dichvucong": "Cổng dịch vụ công tỉnh Quảng Trị",  # a service portal
}


def _portal(url) -> dict:
    home = f"""<html><head><title>Cổng thông tin điện tử tỉnh Quảng Trị</title></head><body>
<nav><a href="/">Trang chủ</a> <a href="/gioi-thieu.html">Giới thiệu</a>
 <a href="/xa-hoi/">Văn hóa - Xã hội</a> <a href="/xa-huong-phung/">Xã Hướng Phùng</a>
 <a href="/lien-ket-website.html">Liên kết website</a></nav>
<div class="news"><a href="/tin-tuc/xa-huong-lap-to-chuc-hoi-nghi.html">Xã Hướng Lập tổ chức hội nghị</a>
 <a href="https://baoquangtri.vn/xa-tan-lap-thu-hoach-ca-phe.htm">Xã Tân Lập thu hoạch cà phê</a></div>
<div class="box-lienket"><h3>Liên kết website</h3><ul>
 <li><a href="{url('huonglap')}/">Xã Hướng Lập</a></li>
 <li><a href="{url('huonglap')}">UBND xã Hướng Lập</a></li>
 <li><a href="{url('dongha')}/">Phường Đông Hà</a></li>
 <li><a href="{url('huonghoa')}/">Huyện Hướng Hóa</a></li>
 <li><a href="http://vinho.{PROVINCE}:{closed_port()}/">Xã Vĩnh Ô</a></li>
 <li><a href="{url('khongten')}/"><img src="/banner.png"></a></li>
 <li><a href="{url('soyte')}/">Sở Y tế</a></li>
 <li><a href="{url('dichvucong')}/">Dịch vụ công trực tuyến</a></li>
 <li><a href="https://chinhphu.vn/">Cổng thông tin điện tử Chính phủ</a></li>
 <li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></li>
</ul></div>
<form><select name="site" aria-label="Trang thông tin điện tử xã, phường">
 <option value="">-- Chọn đơn vị --</option><option value="/xa-tan-lap/">Xã Tân Lập</option>
</select></form></body></html>"""
    directory = f"""<html><head><title>Liên kết website</title></head><body>
<div class="weblinks"><h2>Trang thông tin điện tử các xã, phường</h2>
<a href="{url('ango')}/">Xã A Ngo</a></div></body></html>"""
    return {
        "/": html(home), "/lien-ket-website.html": html(directory),
        "/gioi-thieu.html": html(_home("Giới thiệu")), "/xa-hoi/": html(_home("Văn hóa - Xã hội")),
        "/xa-huong-phung/": html(_home("UBND xã Hướng Phùng")),
        "/xa-tan-lap/": html(_home("UBND xã Tân Lập")),
        "/tin-tuc/xa-huong-lap-to-chuc-hoi-nghi.html": html(_home("Xã Hướng Lập tổ chức hội nghị")),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /admin/\n"),
    }


@pytest.fixture(scope="module")
def discovered(tmp_path_factory):
    out = tmp_path_factory.mktemp("discover") / "sites.toml"
    with ExitStack() as stack:
        servers = {label: stack.enter_context(serve({"/": html(_home(title))}))
                   for label, title in {**UNIT_HOSTS, **OTHER_HOSTS}.items()}

        def url(label):
            return f"http://{label}.{PROVINCE}:{servers[label].port}"

        portal_routes: dict = {}
        portal = stack.enter_context(serve(portal_routes))
        portal_routes.update(_portal(url))
        pins = [f"--resolve={label}.{PROVINCE}=127.0.0.1" for label in [*servers, "vinho"]]
        result = run_cli("registry", "discover", f"http://{PROVINCE}:{portal.port}/", "-o", out,
                         f"--resolve={PROVINCE}=127.0.0.1", *pins, "-s", "DOWNLOAD_DELAY=0",
                         "-s", "DOWNLOAD_TIMEOUT=3", timeout=120)
        hits = {label: server.paths() for label, server in servers.items()}
    registry = toml.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return result, registry, out.read_text(encoding="utf-8") if out.exists() else "", hits, portal


def _by_name(registry) -> dict[str, dict]:
    return {site["name"]: site for site in registry.get("site", [])}


def test_discovery_finds_every_unit_site_the_portal_links_to(discovered):
    result, registry, _, _, _ = discovered
    assert result.returncode == EXIT_OK, result.stderr
    sites = _by_name(registry)
    assert set(sites) == {
        "Cổng thông tin điện tử tỉnh Quảng Trị", "UBND xã Hướng Lập", "UBND phường Đông Hà",
        "UBND huyện Hướng Hóa", "UBND xã Vĩnh Ô", "UBND xã A Ngo", "UBND xã La Lay",
        "UBND xã Hướng Phùng", "UBND xã Tân Lập"}
    assert sites["UBND huyện Hướng Hóa"]["level"] == "huyen"
    assert sites["UBND xã Tân Lập"]["url"].endswith("/xa-tan-lap/")
    assert all(s.get("parent") == "quangtri" for s in registry["site"] if s["level"] != "tinh")


def test_each_site_says_how_it_was_found_and_dead_ones_are_kept_and_marked(discovered):
    _, _, text, _, _ = discovered
    block = text.split('name = "UBND xã Vĩnh Ô"')[0].rsplit("[[site]]", 1)[0]
    assert "did not answer" in block.splitlines()[-1]
    assert "# sure: subsite prefix of the portal" in text
    assert "# sure: host under quangtri.gov.vn" in text


def test_discovery_reads_only_the_portal_and_asks_each_site_once(discovered):
    _, _, _, hits, portal = discovered
    # robots.txt is asked first, as everywhere; then the home page, once.
    assert all(sorted(paths) == ["/", "/robots.txt"] for paths in hits.values()), hits
    assert "/robots.txt" in portal.paths()
    assert portal.paths().count("/xa-tan-lap/") == 1  # a unit under the portal's path: probed, not crawled
    assert len(portal.paths()) <= 10


def test_a_portal_without_a_directory_says_so_and_exits_1(tmp_path):
    with serve({"/": html(_home("Cổng thông tin điện tử tỉnh X"))}) as portal:
        result = run_cli("registry", "discover", portal.url + "/", "-o", tmp_path / "s.toml",
                         "-s", "DOWNLOAD_DELAY=0")
    assert result.returncode == EXIT_FINDINGS
    assert "No unit site found" in result.stderr
    assert not (tmp_path / "s.toml").exists()


def test_an_unreachable_portal_exits_1_with_the_reason(tmp_path):
    result = run_cli("registry", "discover", f"http://127.0.0.1:{closed_port()}/",
                     "-o", tmp_path / "s.toml", "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=0")
    assert result.returncode == EXIT_FINDINGS
    assert "did not answer" in result.stderr and "refused" in result.stderr
