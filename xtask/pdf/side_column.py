"""The smallest PDF of a web page printed with a side column: links to other
years' reports (9 pt) in a column on the left, on the same baselines as the
main column's metadata box (索引号 on the left and 发布机构 at the right
margin, one size; 发文日期) and its title (16 pt, 16 pt right of the link
beside it), as in Chromium's print of fixtures/html/site-table-layout.html.
The side column's lines are neither the title nor the publisher: the title
is this report's alone, the publisher 某某县人民政府办公室.

Usage: side_column.py OUT_DIR
"""

import json
import os
import sys

from reportlab.pdfgen import canvas

from layout import FONT, text_width, wrap

ORGAN = "某某县人民政府"
TITLE = f"{ORGAN}2023年政府信息公开工作年度报告"
PUBLISHER = "某某县人民政府办公室"
DATE = "2024-01-20"
OVERVIEW = (
    "2023年，某某县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "扎实推进决策、执行、管理、服务、结果公开，全年主动公开政府信息1268条。"
)
SIDE_X, MAIN_X, RIGHT = 40.0, 164.0, 555.0
SMALL, BIG, BODY = 9.0, 16.0, 12.0


def main():
    out_dir = sys.argv[1]
    path = os.path.join(out_dir, "side-column-links.pdf")
    height = 842.0
    c = canvas.Canvas(path, pagesize=(595.0, height), invariant=1)

    def text(x, y, s, size):
        c.setFont(FONT, size)
        c.drawString(x, height - y, s)

    # Side column: a heading and two links, each wrapped in two lines.
    side = ["往年年报", f"{ORGAN}2022年", "政府信息公开工作年度报告", f"{ORGAN}2021年", "政府信息公开工作年度报告"]
    for i, s in enumerate(side):
        text(SIDE_X, 80 + 16 * i, s, SMALL)
    # Main column: the metadata box, 索引号 on the heading's baseline with
    # 发布机构 at the right margin, 发文日期 beside the first link (as close
    # as in Chromium's print); the title on the last link's second line.
    text(MAIN_X, 80, "索引号：000014000/2024-00012", SMALL)
    organ_line = f"发布机构：{PUBLISHER}"
    text(RIGHT - text_width(organ_line, SMALL), 80, organ_line, SMALL)
    text(MAIN_X, 96, f"发文日期：{DATE}", SMALL)
    assert MAIN_X == SIDE_X + text_width(side[4], SMALL) + BIG
    text(MAIN_X, 144, TITLE, BIG)
    # The report: a section heading and its paragraph, full width.
    text(SIDE_X, 180, "一、总体情况", BODY)
    for i, line in enumerate(wrap(OVERVIEW, RIGHT - SIDE_X, BODY)):
        text(SIDE_X, 200 + 20 * i, line, BODY)
    c.showPage()
    c.save()

    expected = {
        "schema": "gongkai.report/1",
        "title": TITLE,
        "organ": ORGAN,
        "year": 2023,
        "sections": {"overview": OVERVIEW},
        "diagnostics": [
            {"code": "source.publisher", "raw": PUBLISHER},
            {"code": "source.date", "raw": DATE},
        ],
    }
    with open(os.path.join(out_dir, "side-column-links.expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
