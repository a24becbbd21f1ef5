"""Writes fixtures/pdf/acroform-filled.pdf: a page whose numbers are filled
form fields (AcroForm text widgets with appearance streams), as a report
typed into a fillable PDF template is. Needs reportlab:
`python3 formats/pdf/tests/support/acroform_filled.py` from the repository root.
"""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
c = canvas.Canvas("fixtures/pdf/acroform-filled.pdf", pagesize=(595, 842), invariant=1)
c.setFont("STSong-Light", 16)
c.drawString(72, 780, "政府信息公开工作年度报告")
c.setFont("STSong-Light", 12)
rows = [("本年新收政府信息公开申请数量", "95"), ("上年结转政府信息公开申请数量", "3")]
for n, (label, value) in enumerate(rows):
    y = 740 - 30 * n
    c.drawString(72, y, label)
    c.acroForm.textfield(
        name=f"row{n}", value=value, x=300, y=y - 6, width=60, height=20,
        fontName="Helvetica", fontSize=12, borderWidth=0,
    )
# A field hidden from view (flag 2) is not part of the page's text.
c.acroForm.textfield(
    name="hidden", value="999", x=300, y=600, width=60, height=20,
    fontName="Helvetica", fontSize=12, borderWidth=0, annotationFlags="hidden",
)
c.save()
