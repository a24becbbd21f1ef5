"""A small page-flow layout for report PDFs drawn with reportlab: paragraphs
and ruled tables (row and column spans) poured onto pages of a given size,
rows allowed to break across pages as WPS and Word allow by default.

The fixture scripts beside this file describe a document as a list of blocks
and call `render`; `layout` alone tells where the page breaks fall, so that a
sweep can pick the page heights that put a break at every row.
"""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH = 595.0
TOP = 72.0
BOTTOM = 60.0
LEFT = 76.0


def char_width(c, size):
    return size * (0.5 if ord(c) < 0x2E80 else 1.0)


def wrap(text, width, size):
    """Lines of `text` that fit `width` (characters, not words: CJK wraps anywhere)."""
    lines = []
    for part in text.split("\n"):
        line, w = "", 0.0
        for c in part:
            cw = char_width(c, size)
            if line and w + cw > width + 0.01:
                lines.append(line)
                line, w = "", 0.0
            line += c
            w += cw
        lines.append(line)
    return lines


def text_width(text, size):
    return sum(char_width(c, size) for c in text)


class Para:
    """A paragraph: `indent` in characters on its first line, `align` left or center."""

    def __init__(self, text, size=12.0, indent=2, align="left", lead=1.7):
        self.text, self.size, self.indent, self.align, self.lead = text, size, indent, align, lead


class Cell:
    def __init__(self, text, rows=1, cols=1):
        self.text, self.rows, self.cols = text, rows, cols


class Table:
    """A ruled table: column widths, rows of `Cell`s (a spanned slot holds
    nothing), and how many header rows repeat on each new page."""

    def __init__(self, widths, rows, header=0, repeat=False, size=9.0, pad=3.0, x=LEFT):
        self.widths, self.rows, self.header, self.repeat = widths, rows, header, repeat
        self.size, self.pad, self.x = size, pad, x
        self.name = ""
        # Leave out the rule on the edge a page break cuts (some producers
        # close a table's part on a page only with the next row's rule).
        self.open_cut = False
        # Leave out the outer rule on the left (a side left open).
        self.open_left = False

    def lead(self):
        return self.size * 1.4

    def placed(self):
        """Each cell with its (row, col) slot, and the slots' grid."""
        out, taken = [], set()
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rows):
                    for dc in range(cell.cols):
                        taken.add((r + dr, c + dc))
                c += cell.cols
        return out

    def cell_lines(self, c, cell):
        w = sum(self.widths[c:c + cell.cols]) - 2 * self.pad
        return wrap(cell.text, w, self.size) if cell.text else []

    def heights(self):
        """Row heights: room for every single-row cell, spanned cells' extra
        height given to their last row."""
        lead, pad = self.lead(), self.pad
        h = [lead + 2 * pad for _ in self.rows]
        placed = self.placed()
        for r, c, cell in placed:
            if cell.rows == 1:
                h[r] = max(h[r], len(self.cell_lines(c, cell)) * lead + 2 * pad)
        for r, c, cell in placed:
            if cell.rows > 1:
                need = len(self.cell_lines(c, cell)) * lead + 2 * pad
                have = sum(h[r:r + cell.rows])
                if need > have:
                    h[r + cell.rows - 1] += need - have
        return h


def para_lines(p):
    width = WIDTH - 2 * LEFT
    lines = wrap(p.text, width - p.indent * p.size, p.size)
    first = True
    out = []
    for line in lines:
        out.append((line, p.indent * p.size if first else 0.0))
        first = False
    # Lines after the first use the full width: rewrap the rest.
    if len(lines) > 1:
        rest = p.text[len(lines[0]):]
        out = [(lines[0], p.indent * p.size)] + [(l, 0.0) for l in wrap(rest, width, p.size)]
    return out


def layout(blocks, height):
    """Pour `blocks` onto pages `height` tall. Returns (pages, breaks): each
    page a list of draw operations, and each page break as where it fell:
    ("para", block) or (table name, row, line) — a row broken after `line`
    lines (0: before the row)."""
    pages = [[]]
    breaks = []
    y = TOP
    bottom = height - BOTTOM

    def new_page():
        nonlocal y
        pages.append([])
        y = TOP

    for bi, block in enumerate(blocks):
        if isinstance(block, Para):
            lh = block.size * block.lead
            for line, indent in para_lines(block):
                if y + lh > bottom:
                    breaks.append(("para", bi))
                    new_page()
                if block.align == "center":
                    x = (WIDTH - text_width(line, block.size)) / 2
                else:
                    x = LEFT + indent
                pages[-1].append(("text", x, y + block.size, line, block.size))
                y += lh
            continue
        y = table_flow(block, pages, breaks, y, bottom, new_page)
    return pages, breaks


def table_flow(t, pages, breaks, y, bottom, new_page):
    """Pour table `t` from `y`; returns the y below it."""
    heights = t.heights()
    lead, pad = t.lead(), t.pad
    placed = t.placed()
    xs = [t.x]
    for w in t.widths:
        xs.append(xs[-1] + w)
    # Row fragments per page: (row, top, height, first line, line count).
    frags = [[]]
    row_y = y
    header_h = sum(heights[:t.header])
    for r, h in enumerate(heights):
        lines_in_row = max(1, round((h - 2 * pad) / lead))
        done = 0
        while True:
            room = bottom - row_y
            rest_h = h - done * lead
            if rest_h <= room + 0.01:
                frags[-1].append((r, row_y, rest_h, done, lines_in_row - done))
                row_y += rest_h
                break
            fit = int((room - 2 * pad) // lead)
            if fit >= 1 and done + fit < lines_in_row and r >= t.header:
                frags[-1].append((r, row_y, fit * lead + 2 * pad, done, fit))
                done += fit
                breaks.append((t.name, r, done))
            else:
                breaks.append((t.name, r, done))
            new_page()
            frags.append([])
            row_y = TOP
            if t.repeat and r >= t.header:
                for hr in range(t.header):
                    frags[-1].append((hr, row_y, heights[hr], 0, 99))
                    row_y += heights[hr]
    first_page = len(pages) - len(frags)
    draw_table(t, frags, [pages[first_page + i] for i in range(len(frags))], xs, heights)
    return row_y + 8


def draw_table(t, frags, page_ops, xs, heights):
    """Rules and text of table `t`, cut into `frags` (per page its row parts)."""
    lead, pad, size = t.lead(), t.pad, t.size
    for r, c, cell in t.placed():
        lines = t.cell_lines(c, cell)
        # This cell's part on each page: (page, y0, y1, first line, count).
        parts = []
        for pi, fr in enumerate(frags):
            mine = [f for f in fr if r <= f[0] < r + cell.rows]
            if not mine:
                continue
            if parts and parts[-1][0] == pi:
                continue
            y0 = mine[0][1]
            y1 = mine[-1][1] + mine[-1][2]
            parts.append((pi, y0, y1, mine))
        repeated = r < t.header and len(parts) > 1
        left = list(lines)
        for k, (pi, y0, y1, mine) in enumerate(parts):
            ops = page_ops[pi]
            x0, x1 = xs[c], xs[c + cell.cols]
            page_bottom = max(f[1] + f[2] for f in frags[pi])
            cut_below = pi + 1 < len(frags) and abs(y1 - page_bottom) < 0.01
            cut_above = pi > 0 and abs(y0 - min(f[1] for f in frags[pi])) < 0.01
            if not (t.open_cut and cut_above):
                ops.append(("line", x0, y0, x1, y0))
            if not (t.open_cut and cut_below):
                ops.append(("line", x0, y1, x1, y1))
            if not (t.open_left and c == 0):
                ops.append(("line", x0, y0, x0, y1))
            ops.append(("line", x1, y0, x1, y1))
            if repeated:
                shown = lines
            elif cell.rows == 1 and len(parts) > 1:
                # A row broken across pages: its lines go top down.
                count = sum(f[4] for f in mine)
                shown, left = left[:count], left[count:]
            else:
                fits = max(1, int((y1 - y0 - 2 * pad + 0.01) // lead))
                shown, left = left[:fits], left[fits:]
            whole = len(parts) == 1 or repeated
            if whole or (k == 0 and not left and cell.rows > 1):
                ty = y0 + (y1 - y0 - len(shown) * lead) / 2
            else:
                ty = y0 + pad
            for i, line in enumerate(shown):
                x = x0 + (x1 - x0 - text_width(line, size)) / 2
                ops.append(("text", x, ty + (i + 0.8) * lead, line, size))


def rule(c, x0, y0, x1, y1, style):
    """One rule: a stroked line, a thin filled rectangle (`re f`), or a
    double rule (two strokes 1.2 pt apart)."""
    if style == "fill":
        w = 0.6
        if abs(y1 - y0) < 0.01:
            c.rect(min(x0, x1), y0 - w / 2, abs(x1 - x0), w, stroke=0, fill=1)
        else:
            c.rect(x0 - w / 2, min(y0, y1), w, abs(y1 - y0), stroke=0, fill=1)
    elif style == "double":
        d = 0.6
        if abs(y1 - y0) < 0.01:
            c.line(x0, y0 - d, x1, y1 - d)
            c.line(x0, y0 + d, x1, y1 + d)
        else:
            c.line(x0 - d, y0, x1 - d, y1)
            c.line(x0 + d, y0, x1 + d, y1)
    else:
        c.line(x0, y0, x1, y1)


def render(blocks, height, path, footer=True, rules="stroke", turn=None):
    """Lay out and draw `blocks` on pages `height` tall into `path`; returns
    where the page breaks fell. `turn` draws each (landscape) page turned a
    quarter on a portrait sheet with a `cm`."""
    pages, breaks = layout(blocks, height)
    size = (height, WIDTH) if turn else (WIDTH, height)
    c = canvas.Canvas(path, pagesize=size, invariant=1, pageCompression=1)
    for n, ops in enumerate(pages, 1):
        c.saveState()
        if turn:
            c.transform(0, 1, -1, 0, height, 0)
        c.setLineWidth(0.5)
        for op in ops:
            if op[0] == "line":
                _, x0, y0, x1, y1 = op
                rule(c, x0, height - y0, x1, height - y1, rules)
            else:
                _, x, y, text, size_ = op
                c.setFont(FONT, size_)
                c.drawString(x, height - y, text)
        if footer:
            label = f"-{n}-"
            c.setFont(FONT, 10.5)
            c.drawString((WIDTH - text_width(label, 10.5)) / 2, BOTTOM - 18, label)
        c.restoreState()
        c.showPage()
    c.save()
    return breaks
