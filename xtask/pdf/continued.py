"""A ruled table continued on the next page, with a doubt on the continued
page: the title and rows 1.规章 12, 2.规范性文件 34 on page 1; on page 2,
at the top and on the same column rules, rows 3.行政许可 56 and 4.行政处罚
whose number cell holds two short digit lines, 7 over 8 (one wrapped number
or two numbers?). The reader joins the two pages into one table of four
rows and warns pdf.cell.digit_lines; the warning must name the row as
`inspect` numbers the joined table (row 4, column 2), not as page 2 alone
(row 2).

Usage: continued.py OUT_DIR
"""

import os
import sys

from reportlab.pdfgen import canvas

from layout import FONT

WIDTH, HEIGHT = 300.0, 200.0
X0, X1, X2 = 40.0, 160.0, 260.0


def table(c, top, rows):
    """Rows of (label, [value lines], height) ruled from `top` down."""
    ys = [top]
    for _, _, h in rows:
        ys.append(ys[-1] - h)
    for y in ys:
        c.line(X0, y, X2, y)
    for x in (X0, X1, X2):
        c.line(x, top, x, ys[-1])
    c.setFont(FONT, 10)
    for (label, values, _), y in zip(rows, ys):
        c.drawString(X0 + 4, y - 14, label)
        for n, value in enumerate(values):
            c.drawString(X1 + 4, y - 14 - 12 * n, value)


def main():
    out = os.path.join(sys.argv[1], "doubt-continued-digit-lines.pdf")
    c = canvas.Canvas(out, pagesize=(WIDTH, HEIGHT), invariant=1)
    c.setFont(FONT, 10)
    c.drawString(X0, HEIGHT - 20, "某某市某某局2024年政府信息公开工作年度报告")
    table(c, HEIGHT - 40, [("1.规章", ["12"], 20.0), ("2.规范性文件", ["34"], 20.0)])
    c.showPage()
    table(c, HEIGHT - 20, [("3.行政许可", ["56"], 20.0), ("4.行政处罚", ["7", "8"], 32.0)])
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
