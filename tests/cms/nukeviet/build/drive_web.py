"""Drive NukeViet's web installer and one admin form as a person in a browser would.

    python drive_web.py install BASE_URL         # install/index.php, steps 1 to 8
    python drive_web.py save-system BASE_URL     # Admin -> Settings -> System, saved once

Standard library only (the build runs before any project code). Every form is submitted with the
values the page itself carries (hidden tokens such as ``checkss`` included) plus ours, so what
NukeViet stores is what its own forms send. The administrator and database credentials are dummies
of this throwaway install (tests/cms/nukeviet/build/README.md).
"""

from __future__ import annotations

import http.cookiejar
import sys
import urllib.parse
import urllib.request
from html.parser import HTMLParser

DATABASE = {"dbtype": "mysql", "dbhost": "localhost", "dbport": "", "dbname": "nv",
            "dbuname": "nv", "dbpass": "nvpass", "prefix": "nv4"}
ADMIN_LOGIN, ADMIN_PASSWORD = "quantri", "Corpus2026dummy"
SITE = {"site_name": "UBND xã Tân Thành", "nv_login": ADMIN_LOGIN, "nv_email": "quantri@tanthanh.example.gov.vn",
        "nv_password": ADMIN_PASSWORD, "re_password": ADMIN_PASSWORD,
        "question": "Tên xã?", "answer_question": "Tân Thành"}
# NukeViet's own pretty URLs with `news` as the module without prefix (/tin-tuc/…-1.html), and the
# site's time zone: saving this form also rewrites data/config/config_global.php.
SYSTEM_SETTINGS = {"rewrite_enable": "1", "rewrite_optional": "1", "rewrite_op_mod": "news",
                   "site_timezone": "Asia/Ho_Chi_Minh"}


class FirstPostForm(HTMLParser):
    """The action and the submitted fields of the page's first POST form, as a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: list[tuple[str, str]] = []
        self._inside = self._done = False
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and not self._done and attributes.get("method", "").lower() == "post":
            self.action, self._inside = attributes.get("action", ""), True
        if not self._inside:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            unchecked = attributes.get("type", "text").lower() in ("checkbox", "radio") and "checked" not in attributes
            if not unchecked and attributes.get("type", "").lower() != "submit":
                self.fields.append((name, attributes.get("value", "")))
        elif tag == "select" and name:
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            self._first_option = value if self._first_option is None else self._first_option
            if "selected" in attributes:
                self.fields.append((self._select, value))
                self._selected = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._inside:
            self._inside, self._done = False, True
        elif tag == "select" and self._select:
            if not self._selected and self._first_option is not None:  # a browser sends the first option
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data


class Browser:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.opener.addheaders = [("User-Agent", "Mozilla/5.0 (corpus build)")]

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(urllib.parse.urljoin(self.base_url, path), timeout=120) as response:
            return response.url, response.read().decode("utf-8", "replace")

    def submit(self, path: str, values: dict[str, str], extra: dict[str, str] | None = None) -> tuple[str, str]:
        """Open the page at ``path``, fill its first POST form with ``values`` and send it."""
        page_url, page = self.get(path)
        form = FirstPostForm()
        form.feed(page)
        if form.action is None:
            raise SystemExit(f"no POST form at {page_url}")
        present = {name for name, _ in form.fields}
        fields = [(name, values.get(name, value)) for name, value in form.fields]
        fields += [(name, value) for name, value in {**values, **(extra or {})}.items() if name not in present]
        request = urllib.request.Request(urllib.parse.urljoin(page_url, form.action.replace("&amp;", "&")),
                                         data=urllib.parse.urlencode(fields).encode(), headers={"Referer": page_url})
        with self.opener.open(request, timeout=300) as response:
            return response.url, response.read().decode("utf-8", "replace")


def install(browser: Browser) -> None:
    step = "install/index.php?language=vi&step={}"
    for number in (1, 2, 3, 4):  # language, file permissions, licence, server checks: each opens the next
        browser.get(step.format(number))
    url, _ = browser.submit(step.format(5), DATABASE)  # creates the tables and the modules' sample data
    print("database ->", url)
    url, _ = browser.submit(step.format(6), SITE)
    print("site and administrator ->", url)
    url, _ = browser.get(step.format(8))
    if "step=8" not in url:
        raise SystemExit(f"the installer did not finish: {url}")
    print("installed:", url)


def save_system_settings(browser: Browser) -> None:
    browser.submit("admin/index.php", {"nv_login": ADMIN_LOGIN, "nv_password": ADMIN_PASSWORD})
    url, _ = browser.submit("admin/index.php?language=vi&nv=settings&op=system", SYSTEM_SETTINGS,
                               extra={"submit": "Lưu cấu hình"})
    if "nv=settings" not in url:
        raise SystemExit(f"the admin login or the settings form failed: {url}")
    print("system settings saved:", url)


def main() -> None:
    action, base_url = sys.argv[1], sys.argv[2]
    {"install": install, "save-system": save_system_settings}[action](Browser(base_url))


if __name__ == "__main__":
    main()
