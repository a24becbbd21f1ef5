"""The page-break sweep: the sample report fixtures/samples/hzq2024.pdf
(its tables, its numbers, shortened prose) drawn on pages whose height steps
until a page break has fallen before every row of 表三 and 表四 and inside
every row that can break, with and without the header rows repeated on the
new page. Every variant reads as fixtures/samples/hzq2024.expected.json.

Usage: sweep.py OUT_DIR SAMPLE_EXPECTED_JSON
"""

import json
import os
import shutil
import sys

from layout import Cell, Para, Table, layout, render

T3_LABELS = [
    ("granted", "（一）予以公开"),
    ("partial_grant", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_law_forbidden", "2.其他法律行政法规禁止公开"),
    ("denied_safety_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party_rights", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_case", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unable_no_info", "1.本机关不掌握相关政府信息"),
    ("unable_need_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_repeat", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_massive_requests", "4.无正当理由大量反复申请"),
    ("not_processed_confirm_info", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_processing", "（六）其他处理"),
    ("total_processed", "（七）总计"),
]
COLUMNS = [
    "natural_person",
    "legal_person_commercial",
    "legal_person_research",
    "legal_person_social",
    "legal_person_legal",
    "legal_person_other",
    "total",
]
GROUPS = {
    "denied_state_secret": ("（三）不予公开", 8),
    "unable_no_info": ("（四）无法提供", 3),
    "not_processed_complaint": ("（五）不予处理", 5),
}
T4_FIELDS = ["maintain", "correct", "other", "unfinished", "total"]
T4_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def table3(rows, repeat, widths=None):
    """表三 of the 2019-style single （六） row layout, values from `rows`."""
    values = lambda key: [Cell(fmt(rows[key][c])) for c in COLUMNS]
    head = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rows=3, cols=3),
         Cell("申请人情况", cols=7)],
        [Cell("自然人", rows=2), Cell("法人或其他组织", cols=5), Cell("总计", rows=2)],
        [Cell("商业企业"), Cell("科研机构"), Cell("社会公益组织"), Cell("法律服务机构"), Cell("其他")],
    ]
    body = [
        [Cell("一、本年新收政府信息公开申请数量", cols=3)] + values("new_received"),
        [Cell("二、上年结转政府信息公开申请数量", cols=3)] + values("carried_over"),
    ]
    for i, (key, label) in enumerate(T3_LABELS):
        row = []
        if i == 0:
            row.append(Cell("三、本年度办理结果", rows=len(T3_LABELS)))
        if key in GROUPS:
            g, n = GROUPS[key]
            row += [Cell(g, rows=n), Cell(label)]
        elif label.startswith("（"):
            row.append(Cell(label, cols=2))
        else:
            row.append(Cell(label))
        body.append(row + values(key))
    body.append([Cell("四、结转下年度继续办理", cols=3)] + values("carried_forward"))
    t = Table(widths or [28, 52, 118] + [35] * 7, head + body, header=3, repeat=repeat)
    t.name = "t3"
    return t


def table2(a):
    def pair(label, key, field):
        return [Cell(label), Cell(fmt(a[key][field]), cols=3)]

    rows = [
        [Cell("第二十条第（一）项", cols=4)],
        [Cell("信息内容"), Cell("本年制发件数"), Cell("本年废止件数"), Cell("现行有效件数")],
        [Cell("规章")] + [Cell(fmt(a["regulations"][f])) for f in ("made", "repealed", "valid")],
        [Cell("行政规范性文件")] + [Cell(fmt(a["normative_documents"][f])) for f in ("made", "repealed", "valid")],
        [Cell("第二十条第（五）项", cols=4)],
        [Cell("信息内容"), Cell("本年处理决定数量", cols=3)],
        pair("行政许可", "licensing", "processed"),
        [Cell("第二十条第（六）项", cols=4)],
        [Cell("信息内容"), Cell("本年处理决定数量", cols=3)],
        pair("行政处罚", "punishment", "processed"),
        pair("行政强制", "coercion", "processed"),
        [Cell("第二十条第（八）项", cols=4)],
        [Cell("信息内容"), Cell("本年收费金额（单位：万元）", cols=3)],
        pair("行政事业性收费", "fees", "amount"),
    ]
    t = Table([110, 111, 111, 111], rows)
    t.name = "t2"
    return t


def table4(r, repeat):
    head = [
        [Cell("行政复议", cols=5), Cell("行政诉讼", cols=10)],
        [Cell(l, rows=2) for l in T4_LABELS] + [Cell("未经复议直接起诉", cols=5), Cell("复议后起诉", cols=5)],
        [Cell(l) for l in T4_LABELS * 2],
    ]
    values = []
    for block in ("review", "litigation_direct", "litigation_post_review"):
        values += [Cell(fmt(r[block][f])) for f in T4_FIELDS]
    t = Table([443 / 15] * 15, head + [values], header=3, repeat=repeat, pad=2.0)
    t.name = "t4"
    return t


def document(expected, repeat, t3_widths=None, prose=True):
    """The sample report as blocks."""
    p = Para
    blocks = [
        p("淮安市洪泽区人民政府", size=16, indent=0, align="center"),
        p("2024年政府信息公开工作年度报告", size=16, indent=0, align="center"),
        p("本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"),
        p("一、总体情况"),
    ]
    if prose:
        blocks.append(p("2024年，淮安市洪泽区人民政府全面推进政务公开工作，在政府网站平台主动发布各类政府信息2428条。"))
    blocks += [
        p("二、主动公开政府信息情况"),
        table2(expected["active_disclosure"]),
        p("三、收到和处理政府信息公开申请情况"),
        table3(expected["applications"]["rows"], repeat, t3_widths),
        p("四、政府信息公开行政复议、行政诉讼情况"),
        table4(expected["review_litigation"], repeat),
        p("五、存在的主要问题及改进情况"),
        p("个别部门对复杂申请件的研判能力不足，答复文书规范性有待提升。"),
        p("六、其他需要报告的事项"),
        p("2024年，全年收取政府信息公开信息处理费0元。"),
    ]
    return blocks


def sweep(expected, out_dir, tag):
    """Write one variant per page-break place in 表三 and 表四."""
    made = []
    for repeat in (False, True):
        blocks = document(expected, repeat)
        seen = set()
        for height in range(900, 259, -1):
            _, breaks = layout(blocks, float(height))
            new = [b for b in breaks if b[0] in ("t3", "t4") and b[1] > 0 and b not in seen]
            if not new:
                continue
            seen.update(new)
            name = f"{tag}-{'repeat' if repeat else 'plain'}-h{height}"
            render(document(expected, repeat), float(height), os.path.join(out_dir, name + ".pdf"))
            made.append((name, new))
    return made


def main():
    out_dir, sample = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        if f.endswith(".pdf"):
            os.remove(os.path.join(out_dir, f))
    with open(sample, encoding="utf-8") as f:
        expected = json.load(f)
    shutil.copy(sample, os.path.join(out_dir, "hzq.expected.json"))
    made = sweep(expected, out_dir, "hzq")
    covered = sorted({b for _, bs in made for b in bs})
    with open(os.path.join(out_dir, "BREAKS.txt"), "w", encoding="utf-8") as f:
        f.write("# variant: the page breaks it adds (table, row, lines of the row before the break)\n")
        for name, bs in made:
            f.write(f"{name}: {' '.join(f'{t}/{r}/{l}' for t, r, l in bs)}\n")
    print(f"{len(made)} variants, {len(covered)} break places")


if __name__ == "__main__":
    main()
