"""The smallest PDF whose text lies within a ruled table's width but
outside every cell: a two-by-two table (规章 12 / 规范性文件 34) and the
number 567 printed just under its bottom rule, under the second column, as
when a row's closing rule is drawn above its values. The reader must say so
(pdf.table.text_outside_cells, naming page 1, the row above, column 1), not
read it into a cell nor drop it silently.

Usage: outside.py OUT_DIR
"""

import os
import sys

from reportlab.pdfgen import canvas

from layout import FONT

def main():
    out = os.path.join(sys.argv[1], "doubt-outside-cells.pdf")
    c = canvas.Canvas(out, pagesize=(300.0, 200.0), invariant=1)
    top, row, x0, x1, x2 = 180.0, 20.0, 40.0, 160.0, 260.0
    for i in range(3):
        c.line(x0, top - i * row, x2, top - i * row)
    for x in (x0, x1, x2):
        c.line(x, top, x, top - 2 * row)
    c.setFont(FONT, 10)
    for i, (label, value) in enumerate([("规章", "12"), ("规范性文件", "34")]):
        y = top - i * row - 14
        c.drawString(x0 + 4, y, label)
        c.drawString(x1 + 4, y, value)
    # Under the bottom rule, in the second column's width.
    c.drawString(x1 + 4, top - 2 * row - 11, "567")
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
