//! Generates the pdf fixtures under `fixtures/pdf/` and the predefined-CMap
//! tables under `formats/pdf/tables/` (from poppler-data, so that CI does not
//! need it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use gongkai::report::{Applicant, ApplicationRow, LitigationBlock, Outcome};

const POPPLER: &str = "/usr/share/poppler";

/// Generate the tables and the fixtures.
pub fn run(root: &Path) -> Result<()> {
    tables(root)?;
    fixtures(root)?;
    narrow_labels(root)?;
    rotated(root)?;
    Ok(())
}

/// Compact binary tables from poppler-data's Adobe-GB1 resources.
fn tables(root: &Path) -> Result<()> {
    let out = root.join("formats/pdf/tables");
    std::fs::create_dir_all(&out)?;
    // Adobe-GB1 CID → Unicode: one u16 LE per CID (0 = none), then a list of
    // (cid u16, code point u32) for the few CIDs outside the BMP.
    let text = std::fs::read_to_string(format!("{POPPLER}/cidToUnicode/Adobe-GB1"))
        .context("poppler-data is needed to generate the tables")?;
    let mut bmp = Vec::new();
    let mut astral = Vec::new();
    for (cid, line) in text.lines().enumerate() {
        let cp = u32::from_str_radix(line.trim(), 16).unwrap_or(0);
        if cp > 0xFFFF {
            bmp.extend_from_slice(&0u16.to_le_bytes());
            astral.extend_from_slice(&(cid as u16).to_le_bytes());
            astral.extend_from_slice(&cp.to_le_bytes());
        } else {
            bmp.extend_from_slice(&(cp as u16).to_le_bytes());
        }
    }
    let mut gb1 = Vec::new();
    gb1.extend_from_slice(&((bmp.len() / 2) as u32).to_le_bytes());
    gb1.extend_from_slice(&bmp);
    gb1.extend_from_slice(&astral);
    std::fs::write(out.join("adobe_gb1_ucs2.bin"), gb1)?;

    for name in ["GB-EUC-H", "GBK-EUC-H"] {
        let text = std::fs::read_to_string(format!("{POPPLER}/cMap/Adobe-GB1/{name}"))?;
        std::fs::write(
            out.join(format!("{}.bin", name.to_lowercase())),
            cmap_ranges(&text)?,
        )?;
    }
    Ok(())
}

/// A CMap as `ncodespace u32, (nbytes u32, lo u32, hi u32)*, (lo u32, hi u32, cid u32)*`.
fn cmap_ranges(text: &str) -> Result<Vec<u8>> {
    let mut codespace = Vec::new();
    let mut ranges = Vec::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("begincodespacerange") {
            section = "space";
            continue;
        }
        if line.ends_with("begincidrange") {
            section = "range";
            continue;
        }
        if line.ends_with("begincidchar") {
            section = "char";
            continue;
        }
        if line.starts_with("end") {
            section = "";
            continue;
        }
        let hex: Vec<&str> = line
            .split(['<', '>', ' '])
            .filter(|s| !s.is_empty())
            .collect();
        let num = |i: usize, radix: u32| -> Result<u32> {
            let s = hex.get(i).context("short line")?;
            Ok(u32::from_str_radix(s, radix)?)
        };
        match section {
            "space" => {
                let nbytes = hex.first().map(|s| s.len() / 2).unwrap_or(1) as u32;
                codespace.push([nbytes, num(0, 16)?, num(1, 16)?]);
            }
            "range" => ranges.push([num(0, 16)?, num(1, 16)?, num(2, 10)?]),
            "char" => ranges.push([num(0, 16)?, num(0, 16)?, num(1, 10)?]),
            _ => {}
        }
    }
    if codespace.is_empty() || ranges.is_empty() {
        bail!("no codespace or ranges");
    }
    ranges.sort();
    let mut out = Vec::new();
    out.extend_from_slice(&(codespace.len() as u32).to_le_bytes());
    for rec in codespace.iter().chain(ranges.iter()) {
        for v in rec {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    Ok(out)
}

/// Render report documents to PDF with LibreOffice.
fn fixtures(root: &Path) -> Result<()> {
    let out = root.join("fixtures/pdf");
    std::fs::create_dir_all(&out)?;
    let mut sources: Vec<(PathBuf, String)> = Vec::new();
    // The docx engineer's fixtures, where they exist.
    if let Ok(dir) = std::fs::read_dir(root.join("fixtures/docx")) {
        for entry in dir.flatten() {
            let path = entry.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "docx")
                && path.with_extension("expected.json").exists()
            {
                sources.push((path.clone(), stem.to_string()));
            }
        }
    }
    // Our own sources: HTML rendered by LibreOffice Writer.
    let src_dir = std::env::temp_dir().join("gongkai-pdf-fixtures");
    std::fs::create_dir_all(&src_dir)?;
    for (name, html, expected) in own_sources() {
        let path = src_dir.join(format!("{name}.html"));
        std::fs::write(&path, html)?;
        std::fs::write(out.join(format!("{name}.expected.json")), expected)?;
        sources.push((path, name.to_string()));
    }
    for (path, name) in sources {
        let mut cmd = Command::new("soffice");
        cmd.arg("--headless");
        if path.extension().is_some_and(|e| e == "html") {
            // As a Writer document, not Writer/Web (which drops the first page).
            cmd.arg("--infilter=HTML (StarWriter)");
        }
        let status = cmd
            .args(["--convert-to", "pdf:writer_pdf_Export", "--outdir"])
            .arg(&src_dir)
            .arg(&path)
            .status()
            .context("soffice")?;
        if !status.success() {
            bail!("soffice failed on {}", path.display());
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        std::fs::copy(
            src_dir.join(format!("{stem}.pdf")),
            out.join(format!("{name}.pdf")),
        )?;
        let expected = path.with_extension("expected.json");
        if expected.exists() {
            std::fs::copy(&expected, out.join(format!("{name}.expected.json")))?;
        }
    }
    Ok(())
}

/// `full-2021.pdf` turned three ways with qpdf, to be read as the upright
/// file (same expected JSON): page 1 turned by its content alone (a quarter
/// turn flattened into a `cm`), page 2 as a landscape page is made
/// (`/Rotate 270` over content turned a quarter), page 3 by `/Rotate 180`
/// over upright content.
fn rotated(root: &Path) -> Result<()> {
    let out = root.join("fixtures/pdf");
    let dir = std::env::temp_dir().join("gongkai-pdf-fixtures");
    std::fs::create_dir_all(&dir)?;
    let (quarter, flat) = (dir.join("quarter.pdf"), dir.join("flat.pdf"));
    let steps: [(&Path, &[&str], &Path); 3] = [
        (&out.join("full-2021.pdf"), &["--rotate=+90:1-2"], &quarter),
        (&quarter, &["--flatten-rotation"], &flat),
        (
            &flat,
            &["--rotate=-90:2", "--rotate=+180:3"],
            &out.join("full-2021-rotated.pdf"),
        ),
    ];
    for (input, args, output) in steps {
        let status = Command::new("qpdf")
            .arg(input)
            .args(args)
            .arg("--")
            .arg(output)
            .status()
            .context("qpdf")?;
        if !status.success() {
            bail!("qpdf failed on {}", input.display());
        }
    }
    std::fs::copy(
        out.join("full-2021.expected.json"),
        out.join("full-2021-rotated.expected.json"),
    )?;
    Ok(())
}

/// Widths (twips) given to table 三's three label columns in `narrow-labels`:
/// with 57-twip cell margins and 10pt (200-twip) characters, the first holds
/// one character per line, the other two two.
const NARROW_LABEL_COLS: [u32; 3] = [330, 560, 560];

/// `full-2021.docx` with table 三's label columns squeezed (fixed layout, so
/// LibreOffice keeps the widths), rendered to `fixtures/pdf/narrow-labels.pdf`:
/// labels wrap to one or two characters a line; same values as the docx.
fn narrow_labels(root: &Path) -> Result<()> {
    use std::io::{Read as _, Write as _};
    let source = root.join("fixtures/docx/full-2021.docx");
    let data = std::fs::read(&source).with_context(|| source.display().to_string())?;
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&data))?;
    let mut xml = String::new();
    zin.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let start = xml
        .match_indices("<w:tbl>")
        .nth(1)
        .map(|(i, _)| i)
        .context("no second table")?;
    let end = start + xml[start..].find("</w:tbl>").context("unclosed table")?;
    let table = narrow_table(&xml[start..end])?;
    let xml = format!("{}{}{}", &xml[..start], table, &xml[end..]);

    let dir = std::env::temp_dir().join("gongkai-pdf-fixtures");
    std::fs::create_dir_all(&dir)?;
    let docx = dir.join("narrow-labels.docx");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(&docx)?);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let file = zin.by_index(i)?;
        if file.name()? == "word/document.xml" {
            zout.start_file("word/document.xml", opts)?;
            zout.write_all(xml.as_bytes())?;
        } else {
            zout.raw_copy_file(file)?;
        }
    }
    zout.finish()?;

    let status = Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&docx)
        .status()
        .context("soffice")?;
    if !status.success() {
        bail!("soffice failed on {}", docx.display());
    }
    let out = root.join("fixtures/pdf");
    std::fs::copy(dir.join("narrow-labels.pdf"), out.join("narrow-labels.pdf"))?;
    std::fs::copy(
        source.with_extension("expected.json"),
        out.join("narrow-labels.expected.json"),
    )?;
    Ok(())
}

/// Table 三 (one `<w:tbl>…` without its end tag) with a fixed layout, the
/// first three grid columns set to [`NARROW_LABEL_COLS`] and every cell's
/// `w:tcW` recomputed from the grid columns it spans.
fn narrow_table(table: &str) -> Result<String> {
    let attr = |s: &str, key: &str| -> Option<u32> {
        let i = s.find(key)? + key.len();
        s[i..].split('"').next()?.parse().ok()
    };
    // The grid.
    let g0 = table.find("<w:tblGrid>").context("no grid")?;
    let g1 = g0 + table[g0..].find("</w:tblGrid>").context("no grid end")?;
    let mut grid: Vec<u32> = table[g0..g1]
        .split("<w:gridCol ")
        .skip(1)
        .map(|c| attr(c, "w:w=\"").context("gridCol width"))
        .collect::<Result<_>>()?;
    if grid.len() < 4 {
        bail!("table 三 grid has {} columns", grid.len());
    }
    grid[..3].copy_from_slice(&NARROW_LABEL_COLS);
    let mut new_grid = String::from("<w:tblGrid>");
    for w in &grid {
        let _ = write!(new_grid, "<w:gridCol w:w=\"{w}\"/>");
    }
    let total: u32 = grid.iter().sum();
    let mut head = table[..g0].to_string();
    if let Some(i) = head.find("<w:tblW ") {
        let j = i + head[i..].find("/>").context("tblW")? + 2;
        head.replace_range(i..j, &format!("<w:tblW w:w=\"{total}\" w:type=\"dxa\"/>"));
    }
    if !head.contains("<w:tblLayout w:type=\"fixed\"/>") {
        let i = head.find("</w:tblPr>").context("no tblPr")?;
        head.insert_str(i, "<w:tblLayout w:type=\"fixed\"/>");
    }
    let mut out = head;
    out.push_str(&new_grid);
    // The rows: each cell's width from its grid span.
    let body = &table[g1..];
    let mut rest = body;
    let mut col = 0usize;
    while let Some(i) = rest
        .find("<w:tc>")
        .into_iter()
        .chain(rest.find("<w:tr"))
        .min()
    {
        if rest[i..].starts_with("<w:tr") {
            col = 0;
            out.push_str(&rest[..i + 5]);
            rest = &rest[i + 5..];
            continue;
        }
        let j = i + rest[i..].find("</w:tc>").context("unclosed cell")?;
        let mut cell = rest[i..j].to_string();
        let span = attr(&cell, "<w:gridSpan w:val=\"").unwrap_or(1) as usize;
        let width: u32 = grid.iter().skip(col).take(span).sum();
        col += span;
        if let Some(a) = cell.find("<w:tcW ") {
            let b = a + cell[a..].find("/>").context("tcW")? + 2;
            cell.replace_range(a..b, &format!("<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"));
        }
        out.push_str(&rest[..i]);
        out.push_str(&cell);
        rest = &rest[j..];
    }
    out.push_str(rest);
    Ok(out)
}

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

/// Our own report sources: (name, html, expected json).
fn own_sources() -> Vec<(&'static str, String, String)> {
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
    for (r, (label, sub)) in T3_ROWS.iter().enumerate() {
        html.push_str("<tr>");
        let values: String = (0..7)
            .map(|c| format!("<td>{}</td>", t3_value(r, c)))
            .collect();
        match r {
            0 | 1 | 24 => {
                let _ = write!(html, "<td colspan=3>{label}</td>");
            }
            2 => {
                let _ = write!(
                    html,
                    "<td rowspan=22 width=3%>三、本年度办理结果</td><td colspan=2>{label}</td>"
                );
            }
            3 | 23 => {
                let _ = write!(html, "<td colspan=2>{label}</td>");
            }
            _ => {
                if !label.is_empty() {
                    let span = match r {
                        4 => 8,
                        12 => 3,
                        15 => 5,
                        20 => 3,
                        _ => 1,
                    };
                    let _ = write!(html, "<td rowspan={span} width=5%>{label}</td>");
                }
                let _ = write!(html, "<td>{sub}</td>");
            }
        }
        html.push_str(&values);
        html.push_str("</tr>");
    }
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
    for (r, (label, sub)) in T3_ROWS.iter().enumerate() {
        html.push_str("<tr>");
        match r {
            0 | 1 | 24 => {
                let _ = write!(html, "<td colspan=3>{label}</td>");
            }
            2 => {
                let _ = write!(
                    html,
                    "<td rowspan=22 valign=top width=10%>三、本年度办理结果</td><td colspan=2>{label}</td>"
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
                    let _ = write!(html, "<td rowspan={span} valign=top width=10%>{label}</td>");
                }
                let _ = write!(html, "<td width=30%>{sub}</td>");
            }
        }
        for c in 0..7 {
            let _ = write!(html, "<td align=center width=6%>{}</td>", t3_value(r, c));
        }
        html.push_str("</tr>");
    }
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
