//! Fixtures written from our own HTML sources (table 三 values, a ruleless table).

use std::fmt::Write as _;

use gongkai::report::{Applicant, ApplicationRow, LitigationBlock, Outcome};

/// Table 三 rows of the 2021 format: label cells and the 7 values of each row.
const T3_ROWS: &[(&str, &str)] = &[
    ("一、本年新收政府信息公开申请数量", ""),
    ("二、上年结转政府信息公开申请数量", ""),
    ("（一）予以公开", ""),
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
    ),
    ("（三）不予公开", "1.属于国家秘密"),
    ("", "2.其他法律行政法规禁止公开"),
    ("", "3.危及“三安全一稳定”"),
    ("", "4.保护第三方合法权益"),
    ("", "5.属于三类内部事务信息"),
    ("", "6.属于四类过程性信息"),
    ("", "7.属于行政执法案卷"),
    ("", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("", "2.没有现成信息需要另行制作"),
    ("", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("", "2.重复申请"),
    ("", "3.要求提供公开出版物"),
    ("", "4.无正当理由大量反复申请"),
    ("", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("", "3.其他"),
    ("（七）总计", ""),
    ("四、结转下年度继续办理", ""),
];

/// Value of table 三 row `r`, column `c` (7 columns, the last the row total).
fn t3_value(r: usize, c: usize) -> u32 {
    let base = |r: usize, c: usize| ((r * 7 + c * 3) % 5) as u32;
    if c == 6 {
        (0..6).map(|c| base(r, c)).sum()
    } else {
        base(r, c)
    }
}

/// The attributes of table 三's cells in one of the HTML sources.
struct RowStyle {
    /// The 三、本年度办理结果 cell spanning the result rows.
    results: &'static str,
    /// A group label cell (（三）不予公开 …) spanning its sub-rows.
    group: &'static str,
    /// A sub-row label cell (1.属于国家秘密 …).
    sub: &'static str,
    /// A value cell.
    value: &'static str,
}

/// Plain HTML table cells.
const HTML_FORM: RowStyle = RowStyle {
    results: " width=3%",
    group: " width=5%",
    sub: "",
    value: "",
};

/// Cells laid out as Word lays out the official form.
const WORD_FORM: RowStyle = RowStyle {
    results: " valign=top width=10%",
    group: " valign=top width=10%",
    sub: " width=30%",
    value: " align=center width=6%",
};

/// Table 三's 25 rows, with the official merges: the result rows under one
/// cell, the groups spanning their sub-rows.
fn t3_rows(html: &mut String, style: &RowStyle) {
    for (r, (label, sub)) in T3_ROWS.iter().enumerate() {
        html.push_str("<tr>");
        match r {
            0 | 1 | 24 => {
                let _ = write!(html, "<td colspan=3>{label}</td>");
            }
            2 => {
                let _ = write!(
                    html,
                    "<td rowspan=22{}>三、本年度办理结果</td><td colspan=2>{label}</td>",
                    style.results
                );
            }
            3 | 23 => {
                let _ = write!(html, "<td colspan=2>{label}</td>");
            }
            _ => {
                if !label.is_empty() {
                    let span = match r {
                        4 => 8,
                        12 | 20 => 3,
                        15 => 5,
                        _ => 1,
                    };
                    let _ = write!(html, "<td rowspan={span}{}>{label}</td>", style.group);
                }
                let _ = write!(html, "<td{}>{sub}</td>", style.sub);
            }
        }
        for c in 0..7 {
            let _ = write!(html, "<td{}>{}</td>", style.value, t3_value(r, c));
        }
        html.push_str("</tr>");
    }
}

/// Our own report sources: (name, html, expected json).
pub(super) fn own_sources() -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    // A report whose table 三 has very narrow label columns (one or two
    // characters a line) and runs over two pages.
    let mut html = String::from(
        "<html><head><meta charset=\"utf-8\"><style>\
         body{font-family:'Noto Serif CJK SC';font-size:12pt}\
         td{border:1px solid black;font-size:9pt}\
         table{border-collapse:collapse}</style></head><body>\
         <h2 align=center>测试县人民政府2024年政府信息公开工作年度报告</h2>\
         <p>一、总体情况</p>",
    );
    for i in 0..6 {
        let _ = write!(
            html,
            "<p>　　本年度我县坚持以人民为中心的发展思想，第{i}项工作稳步推进，\
             政府信息公开工作取得明显成效，公开质量持续提升，群众满意度不断提高。</p>"
        );
    }
    html.push_str(
        "<p>二、主动公开政府信息情况</p><p>（略）</p>\
         <p>三、收到和处理政府信息公开申请情况</p>\
         <table width=100% border=1 cellspacing=0 cellpadding=2><tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>\
         <td colspan=7>申请人情况</td></tr>\
         <tr><td rowspan=2 width=7%>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2 width=7%>总计</td></tr>\
         <tr><td width=6%>商业企业</td><td width=6%>科研机构</td><td width=6%>社会公益组织</td><td width=6%>法律服务机构</td><td width=6%>其他</td></tr>",
    );
    t3_rows(&mut html, &HTML_FORM);
    html.push_str(
        "</table><p>四、政府信息公开行政复议、行政诉讼情况</p><p>（略）</p></body></html>",
    );
    let names: Vec<&str> = Applicant::ALL.iter().map(|a| a.key()).collect();
    let keys: Vec<&str> = ApplicationRow::ALL
        .iter()
        .take(4)
        .map(|r| r.key())
        .collect();
    let mut json =
        String::from("{\n  \"applications\": {\n  \"layout\": \"2021\",\n  \"rows\": {\n");
    let rows: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(r, key)| {
            let cols: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(c, n)| format!("\"{n}\": {}", t3_value(r, c)))
                .collect();
            format!("    \"{key}\": {{ {} }}", cols.join(", "))
        })
        .collect();
    json.push_str(&rows.join(",\n"));
    json.push_str("\n  }\n  }\n}\n");
    out.push(("narrow_t3_two_pages", html, json));
    let (html, json) = ruleless();
    out.push(("ruleless_tables", html, json));
    out
}

/// Table 四 values: 复议 then 直接起诉 then 复议后起诉, 5 each.
const T4_VALUES: [u32; 15] = [3, 1, 0, 1, 5, 2, 0, 1, 1, 4, 1, 1, 0, 0, 2];

/// A whole report whose three tables are drawn without any rules (HTML
/// `border=0`), so columns must come from the text positions. Each table
/// starts a page: the tables stay whole.
fn ruleless() -> (String, String) {
    let mut html = String::from(
        "<html><head><meta charset=\"utf-8\"><style>\
         body{font-family:'Noto Serif CJK SC';font-size:12pt}\
         td{font-size:9pt}</style></head><body>\
         <h2 align=center>无线县人民政府2024年政府信息公开工作年度报告</h2>\
         <p>一、总体情况</p>\
         <p>　　2024年，无线县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，\
         扎实推进政务公开工作。</p>\
         <p>二、主动公开政府信息情况</p>\
         <table width=100% border=0 cellspacing=0 cellpadding=3>",
    );
    let t2: [(&str, &[&str]); 7] = [
        ("第二十条第（一）项", &[]),
        (
            "信息内容",
            &["本年制发件数", "本年废止件数", "现行有效件数"],
        ),
        ("规章", &["2", "1", "15"]),
        ("行政规范性文件", &["23", "4", "187"]),
        ("第二十条第（五）项", &[]),
        ("信息内容", &["本年处理决定数量"]),
        ("行政许可", &["9487"]),
    ];
    let t2_rest: [(&str, &[&str]); 7] = [
        ("第二十条第（六）项", &[]),
        ("信息内容", &["本年处理决定数量"]),
        ("行政处罚", &["2776"]),
        ("行政强制", &["84"]),
        ("第二十条第（八）项", &[]),
        ("信息内容", &["本年收费金额（单位：万元）"]),
        ("行政事业性收费", &["96.5"]),
    ];
    for (label, cells) in t2.iter().chain(t2_rest.iter()) {
        match cells.len() {
            0 => {
                let _ = write!(html, "<tr><td colspan=4 align=center>{label}</td></tr>");
            }
            1 => {
                let _ = write!(
                    html,
                    "<tr><td width=34%>{label}</td><td colspan=3 align=center>{}</td></tr>",
                    cells.join("")
                );
            }
            _ => {
                let _ = write!(html, "<tr><td width=34%>{label}</td>");
                for c in *cells {
                    let _ = write!(html, "<td width=22% align=center>{c}</td>");
                }
                html.push_str("</tr>");
            }
        }
    }
    html.push_str(
        "</table><p style=\"page-break-before:always\">三、收到和处理政府信息公开申请情况</p>\
         <table width=100% border=0 cellspacing=0 cellpadding=2>\
         <tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>\
         <td colspan=7 align=center>申请人情况</td></tr>\
         <tr><td rowspan=2 align=center>自然人</td><td colspan=5 align=center>法人或其他组织</td>\
         <td rowspan=2 align=center>总计</td></tr>\
         <tr><td align=center>商业企业</td><td align=center>科研机构</td><td align=center>社会公益组织</td>\
         <td align=center>法律服务机构</td><td align=center>其他</td></tr>",
    );
    t3_rows(&mut html, &WORD_FORM);
    html.push_str(
        "</table><p style=\"page-break-before:always\">四、政府信息公开行政复议、行政诉讼情况</p>\
         <table width=100% border=0 cellspacing=0 cellpadding=2>\
         <tr><td colspan=5 align=center>行政复议</td><td colspan=10 align=center>行政诉讼</td></tr><tr>",
    );
    for o in Outcome::ALL {
        let _ = write!(html, "<td rowspan=2 align=center>{}</td>", o.label());
    }
    html.push_str("<td colspan=5 align=center>未经复议直接起诉</td><td colspan=5 align=center>复议后起诉</td></tr><tr>");
    for _ in 0..2 {
        for o in Outcome::ALL {
            let _ = write!(html, "<td align=center>{}</td>", o.label());
        }
    }
    html.push_str("</tr><tr>");
    for v in T4_VALUES {
        let _ = write!(html, "<td align=center>{v}</td>");
    }
    html.push_str(
        "</tr></table><p>五、存在的主要问题及改进情况</p>\
         <p>　　一是公开的及时性还需进一步提高。</p>\
         <p>六、其他需要报告的事项</p><p>　　本年度本机关未收取信息处理费。</p></body></html>",
    );

    let mut json = String::from(
        "{\n  \"title\": \"无线县人民政府2024年政府信息公开工作年度报告\",\n  \"year\": 2024,\n  \
         \"organ\": \"无线县人民政府\",\n  \"sections\": {\n    \
         \"overview\": \"扎实推进政务公开工作\",\n    \"problems\": \"一是公开的及时性还需进一步提高\",\n    \
         \"other\": \"本年度本机关未收取信息处理费\"\n  },\n  \
         \"active_disclosure\": {\n    \"layout\": \"2021\",\n    \
         \"regulations\": { \"made\": 2, \"repealed\": 1, \"valid\": 15 },\n    \
         \"normative_documents\": { \"made\": 23, \"repealed\": 4, \"valid\": 187 },\n    \
         \"licensing\": { \"processed\": 9487 },\n    \"punishment\": { \"processed\": 2776 },\n    \
         \"coercion\": { \"processed\": 84 },\n    \"fees\": { \"amount\": 96.5 }\n  },\n  \
         \"applications\": {\n    \"layout\": \"2021\",\n    \"rows\": {\n",
    );
    let names: Vec<&str> = Applicant::ALL.iter().map(|a| a.key()).collect();
    let rows: Vec<String> = ApplicationRow::for_layout(gongkai::report::Layout::V2021)
        .enumerate()
        .map(|(r, row)| {
            let cols: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(c, n)| format!("\"{n}\": {}", t3_value(r, c)))
                .collect();
            format!("      \"{}\": {{ {} }}", row.key(), cols.join(", "))
        })
        .collect();
    json.push_str(&rows.join(",\n"));
    json.push_str("\n    }\n  },\n  \"review_litigation\": {\n");
    let blocks: Vec<String> = LitigationBlock::ALL
        .iter()
        .enumerate()
        .map(|(b, block)| {
            let cols: Vec<String> = Outcome::ALL
                .iter()
                .enumerate()
                .map(|(o, out)| {
                    let v = T4_VALUES.get(b * 5 + o).copied().unwrap_or(0);
                    format!("\"{}\": {v}", out.key())
                })
                .collect();
            format!("    \"{}\": {{ {} }}", block.key(), cols.join(", "))
        })
        .collect();
    json.push_str(&blocks.join(",\n"));
    json.push_str("\n  }\n}\n");
    (html, json)
}
