"""Real-world PDF shapes (issue 20, item 6), each the smallest PDF that
shows it, with its expected report written from the numbers put in
(classes.base_expected): rules drawn as thin filled rectangles or double,
a table side with no rule, a label cut by the page break, 表三 starting at
the foot of a page with only its header there, landscape pages, prose whose
words stand apart.

Usage: shapes.py OUT_DIR SAMPLE_EXPECTED_JSON
"""

import os
import subprocess
import sys
import tempfile

import layout
from classes import ROW_KEYS, base_expected, height_for, retitle, t3, write
from layout import Para, Table, render
from sweep import document


def with_rules(out_dir, name, style):
    """Every rule drawn as `style` ("fill": `re f`; "double")."""
    expected = base_expected()

    def make():
        return retitle(document(expected, repeat=False))

    path = os.path.join(out_dir, name + ".pdf")
    write(out_dir, name, make, 842.0, expected)
    render(make(), 842.0, path, rules=style)


def open_side(out_dir):
    """Tables whose left side has no rule."""
    expected = base_expected()

    def make():
        blocks = retitle(document(expected, repeat=False))
        for b in blocks:
            if isinstance(b, Table):
                b.open_left = True
        return blocks

    write(out_dir, "rules-open-side", make, 842.0, expected)


def split_label(out_dir):
    """`1.属于国家秘` / `密`: a label wrapped in a narrow column, the page
    break between its two lines."""
    expected = base_expected()
    widths = [28, 52, 60] + [43.3] * 7

    def make():
        return retitle(document(expected, repeat=False, t3_widths=widths))

    row = 3 + ROW_KEYS.index("denied_state_secret")
    height = height_for(make, lambda b: b[:2] == ("t3", row) and b[2] >= 1)
    write(out_dir, "break-split-label", make, height, expected)


def header_at_foot(out_dir):
    """表三's header rows alone at the foot of a page, its body on the next."""
    expected = base_expected()

    def make():
        return retitle(document(expected, repeat=False))

    height = height_for(make, lambda b: b == ("t3", 3, 0))
    write(out_dir, "t3-header-at-page-foot", make, height, expected)


def landscape(out_dir, name, rotate):
    """A portrait report whose tables 三 and 四 are on landscape pages, each
    drawn turned a quarter on a portrait sheet (`cm`), with /Rotate 90 (set
    by qpdf) or without."""
    expected = base_expected()
    blocks = retitle(document(expected, repeat=False))
    cut = next(i for i, b in enumerate(blocks) if isinstance(b, Table) and b.name == "t3") - 1
    with tempfile.TemporaryDirectory() as tmp:
        first, rest = os.path.join(tmp, "first.pdf"), os.path.join(tmp, "rest.pdf")
        render(blocks[:cut], 842.0, first)
        width = layout.WIDTH
        layout.WIDTH = 842.0
        try:
            wide = retitle(document(expected, repeat=False))[cut:]
            t3(wide).widths = [40, 80, 200] + [60] * 7
            render(wide, 595.0, rest, turn=True)
        finally:
            layout.WIDTH = width
        out = os.path.join(out_dir, name + ".pdf")
        subprocess.run(["qpdf", "--deterministic-id", "--empty", "--pages", first, rest, "--", out], check=True)
        if rotate:
            subprocess.run(["qpdf", "--deterministic-id", out, "--replace-input", "--rotate=+90:2-z"], check=True)
    write_expected(out_dir, name, expected)


def combined(out_dir, sample):
    """An organ's combined PDF: two reports' pages one after the other (this
    file's numbers, then the sample report's); the first is read."""
    import json

    expected = base_expected()
    with open(sample, encoding="utf-8") as f:
        second = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a.pdf"), os.path.join(tmp, "b.pdf")
        render(retitle(document(expected, repeat=False)), 842.0, a)
        render(document(second, repeat=False), 842.0, b)
        out = os.path.join(out_dir, "combined-two-reports.pdf")
        subprocess.run(["qpdf", "--deterministic-id", "--empty", "--pages", a, b, "--", out], check=True)
    # One diagnostic says where the second report (page 3) begins.
    expected["diagnostics"] = [{"code": "document.second_report"}]
    write_expected(out_dir, "combined-two-reports", expected)


def wide_gaps(out_dir):
    """Sections 五 and 六 in prose whose words stand a character apart (a
    web page's `&nbsp;` runs, printed): gaps as wide as a column's, line
    after line, that are still prose, not a rule-less table."""
    expected = base_expected()
    problems = "一是政府信息公开的及时性还需进一步提高。二是政策解读形式较为单一。下一步将加强培训，提升公开质量。"
    other = "本年度本机关未收取信息处理费。无其他需要报告的事项。"
    expected["sections"] = {"problems": problems, "other": other}

    def spaced(text):
        """Two characters a word, two spaces (one character's width) between."""
        return "  ".join(text[i : i + 2] for i in range(0, len(text), 2))

    def make():
        blocks = retitle(document(expected, repeat=False))
        blocks[-3] = Para(spaced(problems))
        blocks[-2] = Para(spaced("六、其他需要报告的事项"))
        blocks[-1] = Para(spaced(other))
        return blocks

    write(out_dir, "prose-wide-gaps", make, 842.0, expected)


def write_expected(out_dir, name, expected):
    import json

    with open(os.path.join(out_dir, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with_rules(out_dir, "rules-filled", "fill")
    with_rules(out_dir, "rules-double", "double")
    open_side(out_dir)
    split_label(out_dir)
    header_at_foot(out_dir)
    landscape(out_dir, "landscape-rotate90", True)
    landscape(out_dir, "landscape-cm", False)
    combined(out_dir, sys.argv[2])
    wide_gaps(out_dir)


if __name__ == "__main__":
    main()
