//! Generates the web-page fixtures under `fixtures/html/` and the hostile
//! pages `fixtures/bad/html-*`:
//! - LibreOffice's HTML export of DOCX fixtures (`soffice --headless
//!   --convert-to html`), each with the DOCX fixture's hand-written
//!   expectation (its DOCX-only diagnostics left out);
//! - the same page re-encoded as GBK, once declaring `charset=gbk` and once
//!   declaring nothing;
//! - web archives (MHT) as Chrome saves them: quoted-printable UTF-8, and
//!   base64 GBK;
//! - the page inside a site's chrome (navigation, breadcrumbs, metadata box,
//!   hidden decoy, related links, footer, scripts), and again with a title
//!   naming neither organ nor year (the metadata box gives them), and laid
//!   out by nested tables;
//! - the page with its table labels split over spans with `&nbsp;` runs.
//!
//! `tag-soup.html` and the real pages under `fixtures/html/` are written
//! by hand (with their expected JSON) and are not touched here.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

/// DOCX fixtures exported by LibreOffice.
const FROM_DOCX: &[&str] = &[
    "full-2021",
    "layout-2019",
    "label-variants",
    "printed-mistakes",
    "blanks-annotated",
    "notes-in-cells",
];

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let out = root.join("fixtures/html");
    std::fs::create_dir_all(&out)?;
    let tmp = std::env::temp_dir().join("gongkai-html-fixtures");
    std::fs::create_dir_all(&tmp)?;
    for name in FROM_DOCX {
        let docx = root.join(format!("fixtures/docx/{name}.docx"));
        let status = Command::new("soffice")
            .args(["--headless", "--convert-to", "html", "--outdir"])
            .arg(&tmp)
            .arg(&docx)
            .stdout(std::process::Stdio::null())
            .status()
            .context(
                "soffice is needed for the HTML fixtures (apt install libreoffice-writer-nogui)",
            )?;
        if !status.success() {
            bail!("soffice failed on {}", docx.display());
        }
        let html = std::fs::read_to_string(tmp.join(format!("{name}.html")))?;
        let expected = from_docx(root, name)?;
        write_pair(&out, &format!("lo-{name}.html"), html.as_bytes(), &expected)?;
    }
    let page = std::fs::read_to_string(out.join("lo-full-2021.html"))?;
    let expected = from_docx(root, "full-2021")?;

    // GBK, declared and undeclared.
    let declared = page.replace("charset=utf-8", "charset=gbk");
    write_pair(
        &out,
        "lo-full-2021-gbk.html",
        &gbk(&declared)?,
        &with_diagnostics(
            &expected,
            json!([{ "code": "html.encoding", "message": "page decoded as gb18030 (declared gbk in a meta tag)" }]),
        ),
    )?;
    let undeclared = page.replace(
        "<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"/>",
        "",
    );
    write_pair(
        &out,
        "lo-full-2021-gbk-undeclared.html",
        &gbk(&undeclared)?,
        &with_diagnostics(
            &expected,
            json!([{ "code": "html.encoding", "message": "page decoded as gb18030 (detected from its bytes; nothing declared)" }]),
        ),
    )?;

    // Web archives.
    write_pair(
        &out,
        "lo-full-2021-saved.mht",
        mht(
            &quoted_printable(page.as_bytes()),
            "quoted-printable",
            "utf-8",
        )
        .as_bytes(),
        &with_diagnostics(&expected, json!([{ "code": "html.archive" }])),
    )?;
    let page_2019 = std::fs::read_to_string(out.join("lo-layout-2019.html"))?;
    let gbk_2019 = gbk(&page_2019.replace("charset=utf-8", "charset=gbk"))?;
    write_pair(
        &out,
        "lo-layout-2019-gbk-base64.mht",
        mht(&base64(&gbk_2019), "base64", "gbk").as_bytes(),
        &with_diagnostics(
            &from_docx(root, "layout-2019")?,
            json!([
                { "code": "html.archive" },
                { "code": "html.encoding", "message": "page decoded as gb18030 (declared gbk in its MIME part)" }
            ]),
        ),
    )?;

    // Site chrome around the article.
    write_pair(
        &out,
        "site-chrome.html",
        site_page(&page)?.as_bytes(),
        &with_diagnostics(
            &expected,
            json!([
                { "code": "source.publisher", "raw": "某某市某某区人民政府办公室" },
                { "code": "source.date", "raw": "2024-01-20" },
                { "code": "page.article" }
            ]),
        ),
    )?;

    // The same with a title naming neither organ nor year: the metadata
    // box's publisher and date fill them (a report is published in the
    // year after the one it covers).
    let untitled = page
        .replacen("<b>某某市某某区人民政府</b>", "", 1)
        .replacen("<b>2023</b>", "", 1)
        .replacen(
            "<b>年政府信息公开工作年度报告</b>",
            "<b>政府信息公开工作年度报告</b>",
            1,
        );
    let mut untitled_expected = with_diagnostics(
        &expected,
        json!([
            { "code": "organ.from_source", "path": "organ", "raw": "某某市某某区人民政府办公室" },
            { "code": "year.from_source", "path": "year", "raw": "2024-01-20" },
            { "code": "page.article" }
        ]),
    );
    if let Some(obj) = untitled_expected.as_object_mut() {
        obj.insert("title".into(), json!("政府信息公开工作年度报告"));
        obj.insert("organ".into(), json!("某某市某某区人民政府办公室"));
        obj.insert("year".into(), json!(2023));
    }
    write_pair(
        &out,
        "site-chrome-untitled.html",
        site_page(&untitled)?.as_bytes(),
        &untitled_expected,
    )?;

    // The same site laid out by tables, as older CMSs do: the article's
    // tables nested in a layout table's cells, a one-cell frame around the
    // article, the metadata box a table of its own beside it.
    write_pair(
        &out,
        "site-table-layout.html",
        site_table_page(&page)?.as_bytes(),
        &with_diagnostics(
            &expected,
            json!([
                { "code": "source.publisher", "raw": "某某市某某区人民政府办公室" },
                { "code": "source.date", "raw": "2024-01-20" },
                { "code": "page.article" },
                { "code": "table.layout" }
            ]),
        ),
    )?;

    // Labels split over spans.
    write_pair(
        &out,
        "split-labels.html",
        split_labels(&page).as_bytes(),
        &expected,
    )?;
    bad(root)?;
    println!("html fixtures written to {}", out.display());
    Ok(())
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    Ok(serde_json::from_str(&text)?)
}

/// The DOCX fixture's hand-written expectation for the same document, with
/// the source format changed and the diagnostics only the DOCX reader
/// makes left out.
fn from_docx(root: &Path, name: &str) -> Result<Value> {
    let mut e = read_json(&root.join(format!("fixtures/docx/{name}.expected.json")))?;
    if let Some(obj) = e.as_object_mut() {
        obj.insert("source".into(), json!({ "format": "html" }));
        if let Some(Value::Array(list)) = obj.get_mut("diagnostics") {
            list.retain(|d| {
                let code = d.get("code").and_then(Value::as_str).unwrap_or_default();
                !code.starts_with("docx.") && code != "table.layout"
            });
        }
    }
    Ok(e)
}

/// `expected` with `extra` added to its diagnostics.
fn with_diagnostics(expected: &Value, extra: Value) -> Value {
    let mut e = expected.clone();
    if let Some(obj) = e.as_object_mut() {
        let list = obj.entry("diagnostics").or_insert_with(|| json!([]));
        if let (Some(list), Some(extra)) = (list.as_array_mut(), extra.as_array()) {
            list.extend(extra.iter().cloned());
        }
    }
    e
}

fn write_pair(dir: &Path, name: &str, bytes: &[u8], expected: &Value) -> Result<()> {
    std::fs::write(dir.join(name), bytes)?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut text = serde_json::to_string_pretty(expected)?;
    text.push('\n');
    std::fs::write(dir.join(format!("{stem}.expected.json")), text)?;
    Ok(())
}

fn gbk(text: &str) -> Result<Vec<u8>> {
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    if bad {
        bail!("the page does not encode as GBK");
    }
    Ok(bytes.into_owned())
}

/// Quoted-printable with soft line breaks at 76 columns, as Chrome writes it.
fn quoted_printable(data: &[u8]) -> String {
    let mut out = String::new();
    let mut column = 0;
    for &b in data {
        let piece = match b {
            b'\n' => {
                out.push_str("\r\n");
                column = 0;
                continue;
            }
            b'\r' => continue,
            b'=' => "=3D".to_string(),
            33..=126 | b' ' => char::from(b).to_string(),
            _ => format!("={b:02X}"),
        };
        if column + piece.len() > 75 {
            out.push_str("=\r\n");
            column = 0;
        }
        column += piece.len();
        out.push_str(&piece);
    }
    out
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in data.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A web archive of one page, laid out the way Chrome saves one.
fn mht(body: &str, transfer: &str, charset: &str) -> String {
    let boundary = "----MultipartBoundary--Fx3kQ8vGm2LrT0aZ1bYw9cN7eH4jS6uP5dI----";
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.cn/zwgk/ndbg/2024/t20240120_1.html\r\nSubject: =?utf-8?Q?2023=E5=B9=B4=E6=8A=A5=E5=91=8A?=\r\nDate: Sat, 20 Jan 2024 09:30:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{boundary}\"\r\n\r\n\r\n--{boundary}\r\nContent-Type: text/html; charset=\"{charset}\"\r\nContent-Transfer-Encoding: {transfer}\r\nContent-Location: https://www.example.gov.cn/zwgk/ndbg/2024/t20240120_1.html\r\n\r\n{body}\r\n\r\n--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: cid:css-1@mhtml.blink\r\n\r\n@charset \"utf-8\";\r\n.nav {{ display: block; }}\r\n\r\n--{boundary}--\r\n"
    )
}

/// An exported page's head (up to `</head>`) and the content of its body.
fn head_and_body(page: &str) -> Result<(&str, &str)> {
    let start = page.find("<body").context("no <body>")?;
    let open_end = start + page[start..].find('>').context("no <body> end")? + 1;
    let end = page.rfind("</body>").context("no </body>")?;
    let head_end = page.find("</head>").context("no </head>")?;
    Ok((&page[..head_end], &page[open_end..end]))
}

/// The exported page's body inside a government site's article page.
fn site_page(page: &str) -> Result<String> {
    let (head, body) = head_and_body(page)?;
    Ok(format!(
        r##"{head}<script type="text/javascript">document.write("<p>本年新收政府信息公开申请数量 999</p>");</script>
<style>.hide {{ display: none }}</style>
</head>
<body>
<div class="top"><div class="logo">某某市某某区人民政府</div>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<nav><a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 政府信息公开年度报告</nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年度报告</div>
<div class="main">
<div class="left"><h3>政府信息公开年报</h3><ul>
<li><a href="t20230120_1.html">某某市某某区人民政府2022年政府信息公开工作年度报告</a></li>
<li><a href="t20220118_1.html">某某市某某区人民政府2021年政府信息公开工作年度报告</a></li>
</ul></div>
<div class="right">
<table class="xxgk_table"><tr><td>索引号：</td><td>11320000014000001X/2024-00012</td><td>分类：</td><td>政府信息公开年度报告</td></tr>
<tr><td>发布机构：</td><td>某某市某某区人民政府办公室</td><td>发文日期：</td><td>2024-01-20</td></tr>
<tr><td>文号：</td><td></td><td>主题词：</td><td>年报</td></tr></table>
<div class="hide"><table><tr><td>本年新收政府信息公开申请数量</td><td>999</td></tr></table></div>
<div class="article" id="zoom">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div></div>
<div class="footer"><p>主办：某某市某某区人民政府办公室　网站标识码：3200000001</p><p>苏ICP备12345678号　苏公网安备 32000002000001号</p></div>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</body>
</html>
"##
    ))
}

/// The exported page's body inside a site laid out by nested tables.
fn site_table_page(page: &str) -> Result<String> {
    let (head, body) = head_and_body(page)?;
    Ok(format!(
        r##"{head}</head>
<body>
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td colspan="2" class="banner">某某市某某区人民政府门户网站</td></tr>
<tr><td colspan="2"><table><tr><td><a href="/">首页</a></td><td><a href="/zwgk/">政务公开</a></td><td><a href="/hdjl/">互动交流</a></td></tr></table></td></tr>
<tr><td width="220" valign="top" class="left">
<table><tr><td>政府信息公开年报</td></tr><tr><td><a href="t20230120_1.html">某某市某某区人民政府2022年政府信息公开工作年度报告</a></td></tr><tr><td><a href="t20220118_1.html">某某市某某区人民政府2021年政府信息公开工作年度报告</a></td></tr></table>
</td><td valign="top">
<table class="xxgk"><tr><td>索引号：11320000014000001X/2024-00012</td><td>发布机构：某某市某某区人民政府办公室</td></tr>
<tr><td>发文日期：2024-01-20</td><td>分类：政府信息公开年度报告</td></tr></table>
<table width="100%"><tr><td class="content">
{body}
</td></tr></table>
<table><tr><td>【打印本页】</td><td>【关闭窗口】</td></tr></table>
</td></tr>
<tr><td colspan="2" class="footer">主办：某某市某某区人民政府办公室　网站标识码：3200000001</td></tr></table>
</body>
</html>
"##
    ))
}

/// The page with each run of four or more Chinese characters inside its
/// tables split into pieces of two, with `&nbsp;` runs and spans between
/// them, the way pasted Word labels come out (`社会&nbsp;&nbsp;<span>公益</span>`).
fn split_labels(page: &str) -> String {
    let Some(tables) = page.find("<table") else {
        return page.to_string();
    };
    let (head, rest) = page.split_at(tables);
    let mut out = String::from(head);
    let mut in_tag = false;
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut String| {
        if run.len() >= 4 && run.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
            for (i, pair) in run.chunks(2).enumerate() {
                if i > 0 {
                    out.push_str(if i % 2 == 1 {
                        "&nbsp;&nbsp;&nbsp;"
                    } else {
                        "<span style=\"mso-spacerun:yes\">&nbsp; </span>"
                    });
                }
                out.push_str("<span>");
                out.extend(pair);
                out.push_str("</span>");
            }
        } else {
            out.extend(run.iter());
        }
        run.clear();
    };
    for c in rest.chars() {
        match c {
            '<' => {
                flush(&mut run, &mut out);
                in_tag = true;
                out.push(c);
            }
            '>' => {
                in_tag = false;
                out.push(c);
            }
            c if in_tag => out.push(c),
            c if ('\u{4e00}'..='\u{9fff}').contains(&c) => run.push(c),
            c => {
                flush(&mut run, &mut out);
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The hostile pages: each must be refused with one clear error line.
fn bad(root: &Path) -> Result<()> {
    let dir = root.join("fixtures/bad");
    std::fs::create_dir_all(&dir)?;
    // 100,000 nested elements: past --max-xml-depth.
    std::fs::write(
        dir.join("html-deep-nesting.html"),
        format!(
            "<!DOCTYPE html><html><body>{}x</body></html>",
            "<div>".repeat(100_000)
        ),
    )?;
    // 120,000 cells in one table: past --max-cells.
    let mut wide = String::from("<!DOCTYPE html><html><body><table>");
    for _ in 0..400 {
        wide.push_str("<tr>");
        wide.push_str(&"<td>1".repeat(300));
    }
    wide.push_str("</table></body></html>");
    std::fs::write(dir.join("html-many-cells.html"), wide)?;
    // rowspan="999999" and a colspan of 1000 on every row: the spans are
    // clamped as browsers clamp them, and the grid is still too large.
    let mut spans = String::from("<!DOCTYPE html><html><body><table>");
    for _ in 0..200 {
        spans.push_str("<tr><td rowspan=\"999999\" colspan=\"1000\">1</td></tr>");
    }
    spans.push_str("</table></body></html>");
    std::fs::write(dir.join("html-huge-rowspan.html"), spans)?;
    // A web archive whose page part is not base64.
    std::fs::write(
        dir.join("html-mht-bad-base64.mht"),
        mht("PGh0bWw+!!!! not base64 ####", "base64", "utf-8"),
    )?;
    // A web archive without a page.
    std::fs::write(
        dir.join("html-mht-no-page.mht"),
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n",
    )?;
    std::fs::write(dir.join("html-empty.html"), "")?;
    // 5,000 attributes on one tag: html5ever checks each against the ones
    // before it (200,000 took minutes), so such a tag is refused first.
    let attributes: Vec<String> = (0..5000).map(|i| format!("a{i}")).collect();
    std::fs::write(
        dir.join("html-many-attributes.html"),
        format!(
            "<!DOCTYPE html><html><body><p {}>x</p></body></html>",
            attributes.join(" ")
        ),
    )?;
    Ok(())
}
