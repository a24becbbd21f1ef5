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

# The two-by-two table: its top, row height and column edges (y up).
TOP, ROW, X0, X1, X2 = 180.0, 20.0, 40.0, 160.0, 260.0


def two_by_two(out, values):
    """A page with the ruled table 规章 | 规范性文件, each label's value
    beside it (None: left empty), in 10 pt; the canvas, still open."""
    c = canvas.Canvas(out, pagesize=(300.0, 200.0), invariant=1)
    for i in range(3):
        c.line(X0, TOP - i * ROW, X2, TOP - i * ROW)
    for x in (X0, X1, X2):
        c.line(x, TOP, x, TOP - 2 * ROW)
    c.setFont(FONT, 10)
    for i, (label, value) in enumerate(zip(["规章", "规范性文件"], values)):
        y = TOP - i * ROW - 14
        c.drawString(X0 + 4, y, label)
        if value is not None:
            c.drawString(X1 + 4, y, value)
    return c


def main():
    c = two_by_two(os.path.join(sys.argv[1], "doubt-outside-cells.pdf"), ["12", "34"])
    # Under the bottom rule, in the second column's width.
    c.drawString(X1 + 4, TOP - 2 * ROW - 11, "567")
    c.showPage()
    c.save()

if __name__ == "__main__":
    main()
