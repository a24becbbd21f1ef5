//! Why an input could not be read, in Chinese: one sentence per kind of
//! error (`gongkai::ErrorKind`), which the command line prints in place of
//! the English line when the locale is Chinese. The particulars the error
//! carries (a format's name, a limit and its flag, a reader's own detail)
//! are filled in, each said in Chinese (a reader's unsupported kind in
//! `unsupported.rs`, the other typed reasons in `reasons_zh.rs`); a
//! parser's own words stay as written, marked as its detail.
//! JSON output keeps the English line: scripts match it.
//!
//! Every kind needs a row; `tests/locale.rs` goes through all of them.

use gongkai::ir::ReadError;
use gongkai::{ErrorKind, LoadError};

use crate::messages::{lang, Lang};
use crate::reasons_zh;

/// Error kind → what it says in Chinese; `{name}` marks a particular.
const ERRORS_ZH: &[(ErrorKind, &str)] = &[
    (ErrorKind::Io, "无法读取文件：{detail}"),
    (ErrorKind::Empty, "空文件"),
    (
        ErrorKind::UnknownFormat,
        "无法识别的格式：内容不是可读的格式（{detail}）",
    ),
    (ErrorKind::Malformed, "不是有效的 {format} 文件：{detail}"),
    (ErrorKind::Unsupported, "不支持的格式：{reason}"),
    (
        ErrorKind::Encrypted,
        "{format} 文件已加密，没有密码无法打开：{detail}",
    ),
    (
        ErrorKind::Limit,
        "超过限制 --{flag} {max}（可用这个选项提高）：{what}",
    ),
    (ErrorKind::NoTextLayer, "没有文字层（扫描件？）：{detail}"),
    (ErrorKind::Encoding, "无法解码文字：{detail}"),
    (ErrorKind::Stopped, "没有读完就停止了（超时或被中断）"),
    (ErrorKind::Internal, "读取器内部错误：{detail}"),
    (
        ErrorKind::NotAReport,
        "不是政府信息公开工作年度报告：没有找到报告标题、章节标题或统计表",
    ),
    (ErrorKind::Panic, "内部错误：{stage}崩溃：{detail}"),
];

/// The Chinese sentence of an error kind, `None` when it has none.
pub fn error_zh(kind: ErrorKind) -> Option<&'static str> {
    ERRORS_ZH.iter().find(|(k, _)| *k == kind).map(|(_, s)| *s)
}

/// Why an input could not be read, in this run's language.
pub(crate) fn load_error_line(e: &LoadError) -> String {
    load_error_in(lang(), e)
}

/// Why an input could not be read, in `lang`.
pub(crate) fn load_error_in(lang: Lang, e: &LoadError) -> String {
    let sentence = match (lang, error_zh(e.kind())) {
        (Lang::Zh, Some(s)) => s,
        _ => return e.to_string(),
    };
    let mut out = sentence.to_string();
    for (name, value) in particulars(e) {
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

/// Why a dataset could not be written, in this run's language; a
/// library's own words follow as its detail.
pub(crate) fn dataset_error_line(e: &gongkai_dataset::DatasetError) -> String {
    use gongkai_dataset::DatasetError as E;
    if lang() == Lang::En {
        return e.to_string();
    }
    match e {
        E::Sqlite(e) => format!("SQLite 数据库读写出错{}", reasons_zh::parser(&e.to_string())),
        E::Csv(e) => format!("CSV 文件读写出错{}", reasons_zh::parser(&e.to_string())),
        E::Io(e) => format!("无法读写数据集：{}", reasons_zh::io_zh(e)),
        #[cfg(feature = "parquet")]
        E::Parquet(e) => format!("Parquet 文件写入出错{}", reasons_zh::parser(&e.to_string())),
        E::UnknownFormat(ext) => format!(
            "未知的数据集格式 `.{ext}`（可用：.sqlite、.sqlite3、.db、.csv、.parquet）"
        ),
        E::ParquetNotBuilt => "Parquet 数据集需要以 `parquet` 功能构建的 gongkai（`cargo install --features parquet`）".to_string(),
        E::OldSchema(v) => format!(
            "这个数据库由较早版本的 gongkai 写成（表结构版本 {v}，现为 {}）：请把数据集写到新文件",
            gongkai_dataset::SCHEMA_VERSION
        ),
        E::WriterGone => "数据集写入线程意外停止".to_string(),
        E::BadAlias { path, line } => format!(
            "{} 第 {line} 行：应为两列（名称，规范名称）",
            path.display()
        ),
    }
}

/// Why an output could not be written, in this run's language.
pub(crate) fn output_error_line(e: &crate::output::OutputError) -> String {
    use crate::output::OutputError;
    match (lang(), e) {
        (Lang::En, _) => e.to_string(),
        (Lang::Zh, OutputError::WouldOverwriteInput) => "拒绝覆盖输入文件".to_string(),
        (Lang::Zh, OutputError::Outside(path)) => format!(
            "{} 通向输出目录之外（符号链接）；没有写入任何内容",
            path.display()
        ),
        (Lang::Zh, OutputError::Io(io)) => format!("无法写入输出：{}", reasons_zh::io_zh(io)),
    }
}

/// Why the summary could not be written, in this run's language.
pub(crate) fn summary_error_line(e: &crate::summary::SummaryError) -> String {
    use crate::summary::SummaryError;
    match (lang(), e) {
        (Lang::En, _) => e.to_string(),
        (Lang::Zh, SummaryError::Io(io)) => reasons_zh::io_zh(io),
        (Lang::Zh, SummaryError::Xlsx(x)) => format!("无法写入 XLSX（系统：{x}）"),
        (Lang::Zh, SummaryError::Extension) => "汇总表文件必须以 .csv 或 .xlsx 结尾".to_string(),
        (Lang::Zh, SummaryError::WouldOverwriteInput) => {
            "拒绝用汇总表覆盖输入文件；请另选 --summary".to_string()
        }
    }
}

/// Why a limit flag's value is not one, in this run's language.
pub(crate) fn bad_value_line(e: &gongkai::ir::BadValue) -> String {
    match lang() {
        Lang::En => e.to_string(),
        Lang::Zh => reasons_zh::bad_value_zh(e),
    }
}

/// A system I/O error in this run's language.
pub(crate) fn io_error_line(e: &std::io::Error) -> String {
    match lang() {
        Lang::En => e.to_string(),
        Lang::Zh => reasons_zh::io_zh(e),
    }
}

/// An error that ended the run, in this run's language: a system I/O
/// error (standard output on a full disk) is said by its kind.
pub(crate) fn run_error_line(e: &anyhow::Error) -> String {
    match (lang(), e.downcast_ref::<std::io::Error>()) {
        (Lang::Zh, Some(io)) => reasons_zh::io_zh(io),
        _ => format!("{e:#}"),
    }
}

/// The particulars of an error, by the names its sentence uses.
fn particulars(e: &LoadError) -> Vec<(&'static str, String)> {
    match e {
        LoadError::Io(io) => {
            let detail = match io.kind() {
                std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
                _ => reasons_zh::io_zh(io),
            };
            vec![("detail", detail)]
        }
        LoadError::UnknownFormat(names) => vec![("detail", names.clone())],
        LoadError::Read(read) => match read {
            ReadError::Malformed { format, reason } => vec![
                ("format", (*format).to_string()),
                ("detail", reasons_zh::flaw_zh(reason)),
            ],
            ReadError::Encrypted { format, reason } => vec![
                ("format", (*format).to_string()),
                ("detail", reasons_zh::lock_zh(reason)),
            ],
            ReadError::Unsupported(kind) => {
                vec![("reason", crate::unsupported::kind_zh(kind))]
            }
            ReadError::Limit { limit, what, max } => {
                let spec = limit.spec();
                // The number as the flag takes it: the unit's words are English.
                let max = match spec.unit {
                    gongkai::ir::Unit::Ratio => spec.unit.show(*max),
                    _ => max.to_string(),
                };
                vec![
                    ("max", max),
                    ("flag", spec.flag.to_string()),
                    ("what", reasons_zh::oversize_zh(what)),
                ]
            }
            ReadError::NoTextLayer(why) => vec![("detail", reasons_zh::no_text_zh(why))],
            ReadError::Encoding(why) => vec![("detail", reasons_zh::undecodable_zh(why))],
            ReadError::Internal(detail) => vec![("detail", detail.clone())],
            ReadError::Stopped => Vec::new(),
        },
        LoadError::Panic { stage, message } => {
            vec![("stage", stage.clone()), ("detail", message.clone())]
        }
        LoadError::Empty | LoadError::NotAReport(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_reads_in_chinese_with_its_particulars() {
        let e = LoadError::Read(ReadError::Malformed {
            format: "pdf",
            reason: gongkai::ir::Flaw::Parser("no xref".into()),
        });
        assert_eq!(
            load_error_in(Lang::Zh, &e),
            "不是有效的 pdf 文件：内容有误（解析器：no xref）"
        );
        assert_eq!(load_error_in(Lang::En, &e), e.to_string());
        let e = LoadError::Read(gongkai::ir::Limits::default().exceeded(
            gongkai::ir::Limit::Cells,
            gongkai::ir::Oversize::Table(gongkai::ir::Amount::Exactly(10)),
        ));
        let line = load_error_in(Lang::Zh, &e);
        assert!(line.starts_with("超过限制 --max-cells "), "{line}");
        assert!(
            line.contains("（可用这个选项提高）：10 个单元格的表格"),
            "{line}"
        );
        assert!(!line.contains('{'), "{line}");
    }
}
