//! Diagnostics in Chinese: one sentence per diagnostic code, which the
//! command line prints in place of the English message when the locale is
//! Chinese, with the diagnostic's place, location and source text beside it
//! (those carry the particulars). JSON output keeps the English message: it
//! is part of the schema.
//!
//! Every code a reader, the normalizer or a check emits needs a row here;
//! `tests/locale.rs` scans the sources and names any code that has none.

use gongkai::ir::Diagnostic;
use gongkai::Report;

use crate::messages::Lang;

/// Diagnostic code → what it says, in Chinese; sorted by code.
const DIAGNOSTICS_ZH: &[(&str, &str)] = &[
    (
        "cell.annotated",
        "单元格里除数字外还有文字；只读取了其中的数字",
    ),
    (
        "cell.blank_marker",
        "单元格里的符号（如“—”“无”）按空白（null）读取，不是 0",
    ),
    ("cell.date_format", "数字单元格设置了日期格式；按数字读取"),
    ("cell.error", "单元格的值是公式错误（如 #REF!）；按空白读取"),
    (
        "cell.formula_uncached",
        "公式单元格没有保存计算结果；按空白读取（在表格软件中重新计算并保存即可保留其值）",
    ),
    (
        "cell.not_a_number",
        "数值单元格里是文字；按空白（null）读取",
    ),
    (
        "document.second_report",
        "文件里还有第二份年度报告（合订的文件）；只读取了第一份",
    ),
    (
        "docx.alt_chunk",
        "文档里嵌入了其他内容（altChunk）；见原文处说明是否已读取",
    ),
    ("docx.deleted_cell", "修订中已删除的表格单元格没有读取"),
    ("docx.deleted_row", "修订中已删除的表格行没有读取"),
    ("html.archive", "网页存档（MHT）：读取了其中的网页部分"),
    ("html.encoding", "网页的文字编码"),
    (
        "label.fuzzy",
        "行或列的名称与标准名称不完全一致，按最接近的标准名称读取",
    ),
    (
        "layout.uncertain",
        "表格没有能判断版式的表头或行；按 2021 年版式读取",
    ),
    (
        "markdown.unclosed_fence",
        "代码块没有结束标记；其中各行按段落读取",
    ),
    ("ocr.deskew", "页面图像已纠正倾斜"),
    ("ocr.engine", "文字识别（OCR）引擎及其版本"),
    (
        "ocr.low_confidence",
        "文字识别（OCR）对这个单元格没有把握；请对照图像核对",
    ),
    (
        "ocr.not_read",
        "有的页面是图片（扫描页，或以图片形式插入的表格），未做文字识别（OCR），报告可能缺少其中的内容",
    ),
    ("ocr.orientation", "页面图像是横着或倒着扫描的，已转正后识别"),
    (
        "ocr.suspect_sum",
        "这项检查没有通过，而它的单元格是文字识别（OCR）读出的：其中某个数字可能识别有误，请对照原件核对",
    ),
    (
        "ocr.unavailable",
        "有的页面是图片（扫描页，或以图片形式插入的表格），但文字识别（OCR）引擎 Tesseract 无法启动，未做识别，报告可能缺少其中的内容；\
         文字识别需要 Tesseract 5 及其简体中文模型：请安装 Debian 软件包 tesseract-ocr tesseract-ocr-chi-sim",
    ),
    ("organ.from_source", "机关名称取自网页的信息栏（发布机构）"),
    ("organ.missing", "标题里没有机关名称"),
    (
        "page.article",
        "网页正文所在的元素（其余部分按网站框架略过）",
    ),
    (
        "pdf.cell.between_rows",
        "文字压在两行之间的表格线上；读入了它中部所在的那一行",
    ),
    (
        "pdf.cell.digit_lines",
        "单元格里有几行数字：可能是一个折行的数，也可能是几个数",
    ),
    (
        "pdf.cell.number_across_pages",
        "被分页截断的数字已与下一页的部分连接起来",
    ),
    (
        "pdf.content.malformed",
        "页面内容流有错误；其后的内容没有读取",
    ),
    (
        "pdf.content.too_many_rules",
        "页面上的线条过多；多出的线条被忽略",
    ),
    ("pdf.content.undecodable", "页面内容流无法解码"),
    (
        "pdf.font.undecodable",
        "字体没有 ToUnicode 映射，无法转换为文字；部分文字缺失",
    ),
    (
        "pdf.table.text_outside_cells",
        "表格旁边、表格宽度之内的文字不在任何单元格中；没有作为单元格读取",
    ),
    ("row.duplicate", "这一行重复出现；保留第一次出现的"),
    (
        "row.extra_values",
        "这一行的数值多于表头的列数；多出的被忽略或只读取最后几列",
    ),
    ("row.group", "这一行出现在别的分组下；按它自己的名称读取"),
    ("row.missing", "没有找到这一行；其数值为空"),
    ("row.not_in_layout", "这一行不属于该表的版式；被忽略"),
    (
        "row.repeated_values",
        "这一行的数值在表头没有的单元格中重复出现；被忽略",
    ),
    (
        "row.short",
        "这一行的数值少于表头的列数；从左读取，其余为空",
    ),
    ("row.subtotal", "小计行不属于标准表格；被忽略"),
    ("row.unknown", "这一行的名称与任何标准名称都不对应；被忽略"),
    ("section.missing", "没有找到这一部分"),
    ("sheet.hidden", "隐藏的工作表没有读取"),
    ("sheet.hidden_columns", "工作表中隐藏的列没有读取"),
    ("sheet.hidden_rows", "工作表中隐藏的行没有读取"),
    ("sheet.merges_unreadable", "工作表的合并单元格信息无法读取"),
    ("sheet.skipped", "工作表没有读取"),
    ("source.date", "网页信息栏中的发文日期"),
    ("source.publisher", "网页信息栏中的发布机构"),
    (
        "table.layout",
        "用于排版的表格：其中的文字按段落读取，其中的表格按表格读取",
    ),
    ("table.missing", "没有找到这张表"),
    ("text.bom_inside", "文字中间的字节顺序标记（U+FEFF）已删除"),
    ("text.encoding", "文字的编码"),
    (
        "text.line_ends",
        "有的行以单独的回车符（CR）结尾；按换行读取",
    ),
    ("text.nul_padding", "文字中有空字符（U+0000）；已删除"),
    ("text.radicals", "部首字符（如“⻓”）已换成对应的普通汉字"),
    ("text.symbol", "符号字体中的字符已换成对应的 Unicode 字符"),
    ("text.tabs_expanded", "制表符已按列宽展开"),
    ("text.tabs_mixed", "制表符和空格混用，表格的列可能没有对齐"),
    (
        "title.missing",
        "第一部分之前没有找到报告标题（……年……政府信息公开工作年度报告）",
    ),
    ("xml.entity", "文档中有未知的 XML 实体；按原文保留"),
    (
        "xml.truncated",
        "正文在未结束的元素中截断；已读取的部分保留",
    ),
    ("year.from_source", "年度取自网页信息栏"),
    ("year.missing", "标题里没有年度"),
];

/// The Chinese sentence for a diagnostic code, if the table has one.
pub fn diagnostic_zh(code: &str) -> Option<&'static str> {
    DIAGNOSTICS_ZH
        .binary_search_by(|(c, _)| c.cmp(&code))
        .ok()
        .and_then(|i| DIAGNOSTICS_ZH.get(i))
        .map(|(_, zh)| *zh)
}

/// Every code the table has a Chinese sentence for.
pub fn diagnostic_codes_zh() -> impl Iterator<Item = &'static str> {
    DIAGNOSTICS_ZH.iter().map(|(code, _)| *code)
}

/// A diagnostic's message for people in `lang`: the English message, or the
/// Chinese sentence with the place in the report (`表三 （七）总计`) and the
/// source text, which carry what the English message spells out. A code
/// without a sentence keeps its English message.
pub(crate) fn message_in(lang: Lang, report: &Report, d: &Diagnostic) -> String {
    let zh = match lang {
        Lang::En => None,
        Lang::Zh => diagnostic_zh(&d.code),
    };
    let Some(zh) = zh else {
        return d.message.clone();
    };
    let place = d
        .path
        .as_ref()
        .map(|path| crate::check_line::place(report, path));
    placed_zh(place.as_deref(), zh, d.raw.as_deref())
}

/// A Chinese sentence for people: `place：sentence（原文：raw）`, each part
/// there when given.
pub(crate) fn placed_zh(place: Option<&str>, sentence: &str, raw: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(place) = place {
        out.push_str(place);
        out.push('：');
    }
    out.push_str(sentence);
    if let Some(raw) = raw {
        out.push_str("（原文：");
        out.push_str(raw);
        out.push('）');
    }
    out
}

/// What a reader's diagnostic says, in Chinese, for `inspect`: the code's
/// sentence, then the English message in brackets, which spells out the
/// particulars (as `validate -v` does); the English alone when the code has
/// no sentence.
pub(crate) fn reader_message_zh(d: &gongkai::ir::Diagnostic) -> String {
    let Some(zh) = diagnostic_zh(&d.code) else {
        return d.message.clone();
    };
    match &d.raw {
        Some(raw) => format!("{zh}（原文：{raw}） [{}]", d.message),
        None => format!("{zh} [{}]", d.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_without_repeats() {
        assert!(DIAGNOSTICS_ZH.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(
            diagnostic_zh("row.short"),
            DIAGNOSTICS_ZH
                .iter()
                .find(|(c, _)| *c == "row.short")
                .map(|(_, z)| *z)
        );
        assert_eq!(diagnostic_zh("no.such"), None);
    }
}
