"""The smallest PDF with a value on the rule between two rows: a ruled
two-by-two table (规章 | 12, 规范性文件 | 34) whose 12 is drawn low, its
middle 1 pt above the rule under its row, as when a producer's baseline
slips. The reader reads it into the row that holds its middle (row 1) and
must say so (pdf.cell.between_rows, naming page 1, row 1, column 2).

Usage: on_rule.py OUT_DIR
"""

import os
import sys

from outside import ROW, TOP, X1, two_by_two

SIZE = 10.0
# A glyph's middle, this share of its size above the baseline (geometry.rs
# GLYPH_MIDDLE).
MIDDLE = 0.35


def main():
    c = two_by_two(os.path.join(sys.argv[1], "doubt-on-row-rule.pdf"), [None, "34"])
    # 12's middle 1 pt above the rule between rows 1 and 2 (y up).
    rule = TOP - ROW
    c.drawString(X1 + 4, rule + 1.0 - MIDDLE * SIZE, "12")
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
