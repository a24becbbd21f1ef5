"""A report as Word's "Save as PDF" writes one (issue 20, item 6): a Type 0
font with Identity-H (glyph ids, text only through the ToUnicode CMap),
text in kerned `TJ` arrays that split each number into single digits,
marked content (`/P <</MCID n>> BDC … EMC`), numbers also wrapped in a
`/Span <</ActualText …>>`, rules as thin filled rectangles. Written by hand
(no PDF library writes this), from the same page layout as the others.

Usage: wordlike.py OUT_DIR
"""

import os
import sys
import zlib

from classes import base_expected, retitle
from shapes import write_expected
from layout import layout, text_width
from sweep import document

HEIGHT = 842.0
WIDTH = 595.0


def hex_utf16(text):
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def content(ops, cid_of, mcid):
    """One page's content stream."""
    out = []
    for op in ops:
        if op[0] == "line":
            _, x0, y0, x1, y1 = op
            w = 0.5
            if abs(y1 - y0) < 0.01:
                out.append(f"{min(x0, x1):.2f} {HEIGHT - y0 - w / 2:.2f} {abs(x1 - x0):.2f} {w} re f")
            else:
                out.append(f"{x0 - w / 2:.2f} {HEIGHT - max(y0, y1):.2f} {w} {abs(y1 - y0):.2f} re f")
            continue
        _, x, y, text, size = op
        number = text.isdigit()
        if number:
            # Each digit its own string, kerned apart a little: the array
            # as Word writes it for justified or tracked numbers.
            parts = []
            for i, c in enumerate(text):
                if i:
                    parts.append("-12")
                parts.append(f"<{cid_of[c]:04X}>")
            # The kerning moves later digits right; start left to keep the middle.
            x -= 0.012 * size * (len(text) - 1) / 2
        else:
            parts = ["<" + "".join(f"{cid_of[c]:04X}" for c in text) + ">"]
        body = f"BT /F1 {size} Tf 1 0 0 1 {x:.2f} {HEIGHT - y:.2f} Tm [{' '.join(parts)}] TJ ET"
        if number:
            body = f"/Span <</ActualText <{hex_utf16(text)}>>> BDC {body} EMC"
        out.append(f"/P <</MCID {mcid[0]}>> BDC {body} EMC")
        mcid[0] += 1
    return "\n".join(out).encode("ascii")


def write_pdf(path, pages):
    chars = sorted({c for ops in pages for op in ops if op[0] == "text" for c in op[3]})
    cid_of = {c: i + 1 for i, c in enumerate(chars)}
    objs = {}
    n_fixed = 6
    page_ids = []
    next_id = n_fixed + 1
    for ops in pages:
        stream = zlib.compress(content(ops, cid_of, [0]))
        cid = next_id
        pid = next_id + 1
        next_id += 2
        objs[cid] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objs[pid] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH:.0f} {HEIGHT:.0f}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {cid} 0 R /StructParents {len(page_ids)} >>"
        ).encode()
        page_ids.append(pid)
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> >>"
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {len(page_ids)} >>".encode()
    objs[3] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
    )
    widths = " ".join(f"{cid_of[c]} [{int(text_width(c, 1) * 1000)}]" for c in chars)
    objs[4] = (
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor 5 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>"
    ).encode()
    objs[5] = (
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 6 /FontBBox [-8 -145 1000 859] "
        b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 50 >>"
    )
    cmap = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = [(cid_of[c], c) for c in chars]
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        cmap.append(f"{len(chunk)} beginbfchar")
        cmap += [f"<{k:04X}> <{c.encode('utf-16-be').hex().upper()}>" for k, c in chunk]
        cmap.append("endbfchar")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cm = "\n".join(cmap).encode()
    objs[6] = b"<< /Length %d >>\nstream\n" % len(cm) + cm + b"\nendstream"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets.get(k, 0) if k in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    with open(path, "wb") as f:
        f.write(out)


def main():
    out_dir = sys.argv[1]
    expected = base_expected()
    pages, _ = layout(retitle(document(expected, repeat=False)), HEIGHT)
    write_pdf(os.path.join(out_dir, "word-identity-tj.pdf"), pages)
    write_expected(out_dir, "word-identity-tj", expected)


if __name__ == "__main__":
    main()
