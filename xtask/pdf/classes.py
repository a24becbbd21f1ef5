"""The smallest PDF of each page-break failure class (issue 20, items 1-4),
each with its expected report written from the numbers put in here.

Usage: classes.py OUT_DIR
"""

import copy
import json
import os
import sys

from layout import Para, Table, layout, render
from sweep import COLUMNS, T3_LABELS, T4_FIELDS, document

ORGAN = "某某市某某区人民政府"
YEAR = 2024
ROW_KEYS = ["new_received", "carried_over"] + [k for k, _ in T3_LABELS] + ["carried_forward"]


def base_expected():
    """Distinct numbers in every cell, so that a value read into the wrong
    row or column shows."""
    rows = {}
    for i, key in enumerate(ROW_KEYS):
        vals = [100 + i, i % 7, (i * 3) % 5, i % 2, (i * 5) % 9, (i * 7) % 4]
        rows[key] = dict(zip(COLUMNS, vals + [sum(vals)]))
    blocks = ("review", "litigation_direct", "litigation_post_review")
    review = {}
    for b, block in enumerate(blocks):
        vals = [b + 1, b + 2, b + 3, b + 4]
        review[block] = dict(zip(T4_FIELDS, vals + [sum(vals)]))
    return {
        "schema": "gongkai.report/1",
        "title": f"{ORGAN}{YEAR}年政府信息公开工作年度报告",
        "organ": ORGAN,
        "year": YEAR,
        "active_disclosure": {
            "layout": "2021",
            "regulations": {"made": 1, "repealed": 2, "valid": 3},
            "normative_documents": {"made": 4, "repealed": 5, "valid": 6},
            "licensing": {"processed": 7},
            "punishment": {"processed": 8},
            "coercion": {"processed": 9},
            "fees": {"amount": 10},
        },
        "applications": {"layout": "2019", "rows": rows},
        "review_litigation": review,
    }


def retitle(blocks):
    """The sample's title lines with this file's organ."""
    blocks[0] = Para(ORGAN, size=16, indent=0, align="center")
    return blocks


def height_for(make, want):
    """The tallest page height with a break in 表三 or 表四 where `want`ed."""
    for height in range(900, 259, -1):
        _, breaks = layout(make(), float(height))
        in_tables = [b for b in breaks if b[0] in ("t3", "t4")]
        if any(want(b) for b in in_tables):
            return float(height)
    raise SystemExit("no page height breaks where wanted")


def t3(blocks):
    return next(b for b in blocks if isinstance(b, Table) and b.name == "t3")


def write(out_dir, name, make, height, expected):
    render(make(), height, os.path.join(out_dir, name + ".pdf"))
    with open(os.path.join(out_dir, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")


def row_lost(out_dir):
    """Item 1: the last 表三 row on a page, （四）2.没有现成信息需要另行制作,
    under the group label （四）无法提供 that spans it, the table's part on
    the page closed by no rule, the page number `-N-` just below."""
    expected = base_expected()

    def make():
        blocks = retitle(document(expected, repeat=False))
        t3(blocks).open_cut = True
        return blocks

    row = 3 + ROW_KEYS.index("unable_unclear")
    write(out_dir, "break-row-lost", make, height_for(make, lambda b: b == ("t3", row, 0)), expected)


def wrapped_numbers(out_dir):
    """Item 2: numbers wrapped inside narrow cells (`589` as `58` / `9`,
    `18168` as `18` / `16` / `8`), one row of them cut by the page break."""
    expected = base_expected()
    rows = expected["applications"]["rows"]
    big = [589, 18168, 77, 4051, 3, 12, 0]
    for i, key in enumerate(["new_received", "granted", "unable_no_info", "total_processed"]):
        vals = [v + i for v in big[:6]]
        rows[key] = dict(zip(COLUMNS, vals + [sum(vals)]))
    widths = [28, 52, 118] + [16] * 6 + [24]

    def make():
        return retitle(document(expected, repeat=False, t3_widths=widths))

    row = 3 + ROW_KEYS.index("unable_no_info")
    write(out_dir, "break-wrapped-numbers", make, height_for(make, lambda b: b[:2] == ("t3", row) and b[2] >= 1), expected)


def blank_slash(out_dir):
    """Item 3: rows continued on a new page whose applicant columns hold `/`
    or nothing: each value must stay in its column."""
    expected = base_expected()
    rows = expected["applications"]["rows"]
    shown = copy.deepcopy(rows)
    for key in ["unable_unclear", "not_processed_complaint", "not_processed_repeat"]:
        for c in COLUMNS[1:6]:
            rows[key][c] = None
        rows[key]["total"] = rows[key]["natural_person"]
        shown[key] = dict(rows[key])
    for c in COLUMNS[1:6]:
        shown["unable_unclear"][c] = "/"
        shown["not_processed_repeat"][c] = "/"

    def make():
        doc_rows = {**expected, "applications": {"layout": "2019", "rows": shown}}
        return retitle(document(doc_rows, repeat=False))

    row = 3 + ROW_KEYS.index("unable_unclear")
    write(out_dir, "break-blank-slash", make, height_for(make, lambda b: b == ("t3", row, 0)), expected)


def heading_at_break(out_dir):
    """Item 4: section 六's heading the last line of a page; its text on the
    next page, flush left (no first-line indent) as LibreOffice lays out a
    paragraph that follows a heading with no indent."""
    expected = base_expected()
    other = "本年度本机关未收取信息处理费，无其他需要报告的事项。"
    expected["sections"] = {"other": other}

    def make(height=None):
        blocks = retitle(document(expected, repeat=False))
        blocks[-1] = Para(other, indent=0)
        return blocks

    for height in range(900, 259, -1):
        pages, _ = layout(make(), float(height))
        last = [op for op in pages[-2] if op[0] == "text"]
        if last and last[-1][3] == "六、其他需要报告的事项":
            write(out_dir, "break-section-heading", make, float(height), expected)
            return
    raise SystemExit("no page height ends a page with section 六's heading")


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    row_lost(out_dir)
    wrapped_numbers(out_dir)
    blank_slash(out_dir)
    heading_at_break(out_dir)


if __name__ == "__main__":
    main()
