"""ACC-006: Form fields have labels (WCAG 1.3.1, 3.3.2).

A search box or a feedback form whose fields have no ``<label>`` (nor ``aria-label``) cannot
be filled in with a screen reader. Judged in the browser by axe-core (``label``,
``select-name``, ``form-field-multiple-labels`` ...). axe tags ``label`` with 4.1.2; it is
owned here by name, since the defect is a missing label.
"""

from __future__ import annotations

from auditor.rules._axe import BrowserRule


class FormLabels(BrowserRule):
    id = "ACC-006"
    title_vi = "Ô nhập liệu của biểu mẫu có nhãn (WCAG 1.3.1, 3.3.2)"
    title_en = "Form fields have labels (WCAG 1.3.1, 3.3.2)"
    failure_vi = "Ô nhập liệu của biểu mẫu không có nhãn"
    remedy_vi = "Đề nghị gắn nhãn (<label> hoặc aria-label) cho mọi ô nhập liệu của biểu mẫu (tìm kiếm, góp ý ...)."
    remedy_en = "Please label every form field (<label> or aria-label): search, feedback ..."
    criteria = ("3.3.2",)
    axe_rules = frozenset({"label", "select-name", "form-field-multiple-labels",
                           "aria-input-field-name", "aria-toggle-field-name", "autocomplete-valid"})
