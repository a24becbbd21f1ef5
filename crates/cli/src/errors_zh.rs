//! Why an input could not be read, in Chinese: one sentence per kind of
//! error (`gongkai::ErrorKind`), which the command line prints in place of
//! the English line when the locale is Chinese. The particulars the error
//! carries (a format's name, a limit and its flag, a reader's own detail)
//! are filled in (a reader's unsupported kind in Chinese, `unsupported.rs`);
//! free text from a parser (a malformed file's detail) stays as written.
//! JSON output keeps the English line: scripts match it.
//!
//! Every kind needs a row; `tests/locale.rs` goes through all of them.

use gongkai::ir::ReadError;
use gongkai::{ErrorKind, LoadError};

use crate::messages::{lang, Lang};

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

/// The particulars of an error, by the names its sentence uses.
fn particulars(e: &LoadError) -> Vec<(&'static str, String)> {
    match e {
        LoadError::Io(io) => {
            // The system's own words are English; the common kinds are said.
            let detail = match io.kind() {
                std::io::ErrorKind::NotFound => "文件不存在".to_string(),
                std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
                _ => io.to_string(),
            };
            vec![("detail", detail)]
        }
        LoadError::UnknownFormat(names) => vec![("detail", names.clone())],
        LoadError::Read(read) => match read {
            ReadError::Malformed { format, reason } | ReadError::Encrypted { format, reason } => {
                vec![
                    ("format", (*format).to_string()),
                    ("detail", reason.clone()),
                ]
            }
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
                    ("what", what.clone()),
                ]
            }
            ReadError::NoTextLayer(detail)
            | ReadError::Encoding(detail)
            | ReadError::Internal(detail) => vec![("detail", detail.clone())],
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
            reason: "no xref".into(),
        });
        assert_eq!(load_error_in(Lang::Zh, &e), "不是有效的 pdf 文件：no xref");
        assert_eq!(load_error_in(Lang::En, &e), e.to_string());
        let e = LoadError::Read(
            gongkai::ir::Limits::default().exceeded(gongkai::ir::Limit::Cells, "table of 10 cells"),
        );
        let line = load_error_in(Lang::Zh, &e);
        assert!(line.starts_with("超过限制 --max-cells "), "{line}");
        assert!(line.contains("（可用这个选项提高）：table of"), "{line}");
        assert!(!line.contains('{'), "{line}");
    }
}
