//! A report written from scratch with docx-rs (the only code that uses it).

use std::path::Path;

use anyhow::Result;

use super::report::{base_report, t4_cells, write_expected};

/// A report built from scratch with docx-rs: merges by gridSpan and vMerge.
pub(super) fn docx_rs_report(dir: &Path) -> Result<()> {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};

    let mut report = base_report("docx-rs", "某某省某某厅", 2023, 59);
    report.t4 = t4_cells([[1, 0, 0, 0], [0, 1, 0, 1], [0, 0, 0, 0]]);
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let cell = |t: &str| TableCell::new().add_paragraph(para(t));
    let row = |cells: Vec<TableCell>| TableRow::new(cells);

    // Table 二.
    let get = |i: usize| {
        report
            .t2
            .get(i)
            .map(|(_, _, v)| v.text.clone())
            .unwrap_or_default()
    };
    let caption = |t: &str| row(vec![cell(t).grid_span(4)]);
    let t2 = Table::new(vec![
        caption("第二十条第（一）项"),
        row(vec![
            cell("信息内容"),
            cell("本年制发件数"),
            cell("本年废止件数"),
            cell("现行有效件数"),
        ]),
        row(vec![
            cell("规章"),
            cell(&get(0)),
            cell(&get(1)),
            cell(&get(2)),
        ]),
        row(vec![
            cell("行政规范性文件"),
            cell(&get(3)),
            cell(&get(4)),
            cell(&get(5)),
        ]),
        caption("第二十条第（五）项"),
        row(vec![
            cell("信息内容"),
            cell("本年处理决定数量").grid_span(3),
        ]),
        row(vec![cell("行政许可"), cell(&get(6)).grid_span(3)]),
        caption("第二十条第（六）项"),
        row(vec![
            cell("信息内容"),
            cell("本年处理决定数量").grid_span(3),
        ]),
        row(vec![cell("行政处罚"), cell(&get(7)).grid_span(3)]),
        row(vec![cell("行政强制"), cell(&get(8)).grid_span(3)]),
        caption("第二十条第（八）项"),
        row(vec![
            cell("信息内容"),
            cell("本年收费金额（单位：万元）").grid_span(3),
        ]),
        row(vec![cell("行政事业性收费"), cell(&get(9)).grid_span(3)]),
    ])
    .set_grid(vec![2400; 4]);

    // Table 三.
    let cont = || {
        TableCell::new()
            .vertical_merge(VMergeType::Continue)
            .add_paragraph(para(""))
    };
    let mut rows = vec![
        row(vec![
            cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
                .grid_span(3)
                .vertical_merge(VMergeType::Restart),
            cell("申请人情况").grid_span(7),
        ]),
        row(vec![
            cont().grid_span(3),
            cell("自然人").vertical_merge(VMergeType::Restart),
            cell("法人或其他组织").grid_span(5),
            cell("总计").vertical_merge(VMergeType::Restart),
        ]),
        row(vec![
            cont().grid_span(3),
            cont(),
            cell("商业企业"),
            cell("科研机构"),
            cell("社会公益组织"),
            cell("法律服务机构"),
            cell("其他"),
            cont(),
        ]),
    ];
    let groups: [(&str, &[&str]); 4] = [
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
    ];
    let values = |i: usize| -> Vec<TableCell> {
        report
            .t3
            .get(i)
            .map(|r| r.iter().map(|v| cell(&v.text)).collect())
            .unwrap_or_default()
    };
    let with = |mut head: Vec<TableCell>, i: usize| {
        head.extend(values(i));
        row(head)
    };
    rows.push(with(
        vec![cell("一、本年新收政府信息公开申请数量").grid_span(3)],
        0,
    ));
    rows.push(with(
        vec![cell("二、上年结转政府信息公开申请数量").grid_span(3)],
        1,
    ));
    rows.push(with(
        vec![
            cell("三、本年度办理结果").vertical_merge(VMergeType::Restart),
            cell("（一）予以公开").grid_span(2),
        ],
        2,
    ));
    rows.push(with(
        vec![
            cont(),
            cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").grid_span(2),
        ],
        3,
    ));
    let mut i = 4;
    for (head, items) in groups {
        for (k, item) in items.iter().enumerate() {
            let sub = if k == 0 {
                cell(head).vertical_merge(VMergeType::Restart)
            } else {
                cont()
            };
            rows.push(with(vec![cont(), sub, cell(item)], i));
            i += 1;
        }
    }
    rows.push(with(vec![cont(), cell("（七）总计").grid_span(2)], 23));
    rows.push(with(vec![cell("四、结转下年度继续办理").grid_span(3)], 24));
    let t3 = Table::new(rows).set_grid(vec![700, 900, 3200, 700, 700, 700, 700, 700, 700, 700]);

    // Table 四.
    let labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut header2 = Vec::new();
    let mut header3 = Vec::new();
    for l in labels {
        header2.push(cell(l).vertical_merge(VMergeType::Restart));
        header3.push(cont());
    }
    header2.push(cell("未经复议直接起诉").grid_span(5));
    header2.push(cell("复议后起诉").grid_span(5));
    for _ in 0..2 {
        header3.extend(labels.iter().map(|l| cell(l)));
    }
    let t4 = Table::new(vec![
        row(vec![
            cell("行政复议").grid_span(5),
            cell("行政诉讼").grid_span(10),
        ]),
        row(header2),
        row(header3),
        row(report.t4.iter().map(|v| cell(&v.text)).collect()),
    ])
    .set_grid(vec![640; 15]);

    let docx = Docx::new()
        .add_paragraph(para(&report.title))
        .add_paragraph(para("一、总体情况"))
        .add_paragraph(para(&report.sections[0]))
        .add_paragraph(para("二、主动公开政府信息情况"))
        .add_table(t2)
        .add_paragraph(para("三、收到和处理政府信息公开申请情况"))
        .add_table(t3)
        .add_paragraph(para("四、政府信息公开行政复议、行政诉讼情况"))
        .add_table(t4)
        .add_paragraph(para("五、存在的主要问题及改进情况"))
        .add_paragraph(para(&report.sections[1]))
        .add_paragraph(para("六、其他需要报告的事项"))
        .add_paragraph(para(&report.sections[2]));
    let file = std::fs::File::create(dir.join("docx-rs.docx"))?;
    docx.build().pack(file)?;
    write_expected(dir, "docx-rs", &report.expected())?;
    println!("fixtures/docx/docx-rs.docx");
    Ok(())
}
