"""The smallest PDF with a value on the rule between two rows: a ruled
two-by-two table (规章 | 12, 规范性文件 | 34) whose 12 is drawn low, its
middle 1 pt above the rule under its row, as when a producer's baseline
slips. The reader reads it into the row that holds its middle (row 1) and
must say so (pdf.cell.between_rows, naming page 1, row 1, column 2).

Usage: on_rule.py OUT_DIR
"""

import os
import sys

from reportlab.pdfgen import canvas

from layout import FONT

SIZE = 10.0
# A glyph's middle, this share of its size above the baseline (geometry.rs
# GLYPH_MIDDLE).
MIDDLE = 0.35


def main():
    out = os.path.join(sys.argv[1], "doubt-on-row-rule.pdf")
    c = canvas.Canvas(out, pagesize=(300.0, 200.0), invariant=1)
    top, row, x0, x1, x2 = 180.0, 20.0, 40.0, 160.0, 260.0
    for i in range(3):
        c.line(x0, top - i * row, x2, top - i * row)
    for x in (x0, x1, x2):
        c.line(x, top, x, top - 2 * row)
    c.setFont(FONT, SIZE)
    c.drawString(x0 + 4, top - 14, "规章")
    c.drawString(x0 + 4, top - row - 14, "规范性文件")
    c.drawString(x1 + 4, top - row - 14, "34")
    # 12's middle 1 pt above the rule between rows 1 and 2 (y up).
    rule = top - row
    c.drawString(x1 + 4, rule + 1.0 - MIDDLE * SIZE, "12")
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
