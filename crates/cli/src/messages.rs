//! What the command line says to people, in English and in Chinese: one
//! table of messages, and the language the locale asks for (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`: Chinese when the first one set starts with `zh`).
//! Machine-read words (statuses, check ids, JSON) are not translated.

use std::sync::OnceLock;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Chinese.
    Zh,
}

/// The language a locale string (`zh_CN.UTF-8`, `C`) asks for.
fn lang_of(locale: &str) -> Lang {
    if locale.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The language of this run's messages, from the environment (POSIX order).
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| lang_of(&v))
    })
}

/// Every message, by what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Before an error line.
    Error,
    /// Before a warning line.
    Warning,
    NoInputs,
    SeveralInputsNeedDir,
    SeveralFormatsNeedDir,
    OutputIsAFile,
    StdinOnly,
    BinaryToTerminal,
    ToConflicts,
    UnsupportedLine,
    UpToDateLine,
    BatchSummary,
    LeftOut,
    Interrupted,
    SummaryWritten,
    Incomplete,
    ValidateTotals,
    /// The closing line of the `year.*` checks (batch with `--dataset`, validate).
    YearTotals,
    /// After the first `year.unmatched` lines: how many more were not shown.
    YearUnpairedMore,
    /// The top `--help` line.
    Tagline,
    AboutConvert,
    AboutValidate,
    AboutInspect,
    AboutFormats,
    AboutSchema,
    AboutCompletions,
    AboutMan,
    AboutServe,
    /// The top `--help` after its options: examples and exit codes (the
    /// English one is `args.rs`'s, which the man page also shows).
    MainAfterHelp,
    /// The top `--help` layout with Chinese headings (English: clap's own).
    MainHelpTemplate,
}

impl Msg {
    /// The message in English and in Chinese; `{name}` marks what [`say`]
    /// fills in.
    fn texts(self) -> (&'static str, &'static str) {
        match self {
            Msg::Error => ("gongkai: error: ", "gongkai：错误："),
            Msg::Warning => ("gongkai: warning: ", "gongkai：警告："),
            Msg::NoInputs => (
                "no input files found (known extensions are listed by `gongkai formats`)",
                "没有找到输入文件（可读的扩展名见 `gongkai formats`）",
            ),
            Msg::SeveralInputsNeedDir => (
                "several inputs (or a directory or pattern) need -o DIR",
                "多个输入（或目录、通配模式）需要用 -o 指定输出目录",
            ),
            Msg::SeveralFormatsNeedDir => (
                "several output formats need -o DIR (one file per format)",
                "多种输出格式需要用 -o 指定输出目录（每种格式一个文件）",
            ),
            Msg::OutputIsAFile => (
                "{path} is a file; several inputs or formats need a directory",
                "{path} 是文件；多个输入或多种格式需要输出目录",
            ),
            Msg::StdinOnly => (
                "`-` (standard input) must be the only input",
                "`-`（标准输入）只能是唯一的输入",
            ),
            Msg::BinaryToTerminal => (
                "{format} output is binary and standard output is a terminal; name a file with -o FILE.{ext}, or write to standard output anyway with -o -",
                "{format} 输出是二进制内容，标准输出是终端；请用 -o FILE.{ext} 指定文件，或用 -o - 仍写到标准输出",
            ),
            Msg::ToConflicts => (
                "--to {to} conflicts with -o {path} (a .{ext} file); drop --to or change the extension",
                "--to {to} 与 -o {path}（.{ext} 文件）矛盾；去掉 --to 或改扩展名",
            ),
            Msg::UnsupportedLine => (
                "skip {input} (unsupported format: {reason})",
                "skip {input}（不支持的格式：{reason}）",
            ),
            Msg::UpToDateLine => ("skip {input} (up to date)", "skip {input}（已是最新）"),
            Msg::BatchSummary => (
                "summary: {total} inputs: {converted} converted, {skipped} skipped (up to date), {failed_checks} with failed checks, {incomplete} incomplete, {unsupported} unsupported, {errors}{left_out} ({secs} s)",
                "汇总：共 {total} 个输入：转换 {converted} 个，跳过（已是最新）{skipped} 个，检查未通过 {failed_checks} 个，不完整 {incomplete} 个，不支持 {unsupported} 个，{errors}{left_out}（{secs} 秒）",
            ),
            Msg::LeftOut => (
                ", {n} left out (not regular files)",
                "，略过 {n} 个（不是普通文件）",
            ),
            Msg::Interrupted => (
                "interrupted: {n} inputs not converted; run the same command again to resume",
                "已中断：{n} 个输入未转换；再次运行同一命令即可继续",
            ),
            Msg::SummaryWritten => ("summary written to {path}", "汇总表已写入 {path}"),
            Msg::Incomplete => ("{input}: incomplete: {why}", "{input}：不完整：{why}"),
            Msg::ValidateTotals => (
                "validated {files} files: {clean} without failed checks, {with_failed} with failed checks ({failed} failed, {uncertain} uncertain checks in all), {incomplete} incomplete, {errors} not read, {unsupported} unsupported",
                "共检查 {files} 个文件：无未通过检查 {clean} 个，有未通过检查 {with_failed} 个（共 {failed} 项未通过、{uncertain} 项无法判断），不完整 {incomplete} 个，无法读取 {errors} 个，不支持 {unsupported} 个",
            ),
            Msg::YearTotals => (
                "across years: {checks} checks, {failed} failed, {uncertain} uncertain; {unpaired} reports not paired with another year",
                "跨年度：共 {checks} 项检查，{failed} 项未通过，{uncertain} 项无法判断；{unpaired} 份报告未能与另一年度配对",
            ),
            Msg::YearUnpairedMore => (
                "… and {n} more reports not paired with another year (year.unmatched)",
                "……另有 {n} 份报告未能与另一年度配对（year.unmatched）",
            ),
            Msg::Tagline => (
                "Convert Chinese government information-disclosure annual reports (政府信息公开工作年度报告) into checked, structured data: convert, validate, inspect, serve, formats, schema, completions, man",
                "把政府信息公开工作年度报告转换为经过勾稽检查的结构化数据：convert、validate、inspect、serve、formats、schema、completions、man。",
            ),
            Msg::AboutConvert => (
                "Convert reports (DOCX, PDF, XLSX, HTML, text, Markdown or report JSON) to JSON, XLSX, Markdown or HTML",
                "转换年度报告（DOCX、PDF、XLSX、HTML、文本、Markdown 或报告 JSON）为 JSON、XLSX、Markdown 或 HTML。",
            ),
            Msg::AboutValidate => (
                "Run the 勾稽 checks and print the failed ones; exit 1 if any check fails",
                "运行勾稽检查并列出未通过的项；有检查未通过时退出码为 1。",
            ),
            Msg::AboutInspect => (
                "Print what a reader saw: paragraphs and tables drawn as grids with spans",
                "显示读取器看到的内容：段落，以及画成网格（含合并单元格）的表格。",
            ),
            Msg::AboutFormats => (
                "List the registered readers and writers",
                "列出可读取和可写出的格式。",
            ),
            Msg::AboutSchema => (
                "Print the JSON Schema of the report (gongkai.report/1)",
                "输出报告的 JSON Schema（gongkai.report/1）。",
            ),
            Msg::AboutCompletions => ("Print a shell completion script", "输出 shell 补全脚本。"),
            Msg::MainAfterHelp => (
                "",
                "示例：
  gongkai convert report.pdf                       JSON 输出到标准输出
  gongkai convert report.docx -o out.xlsx          输出格式随 -o 的扩展名
  gongkai convert reports/ -o out/                 整个目录，每个输入一个 JSON
  gongkai convert 'reports/**/*.pdf' -o out/ --to json,xlsx,md --summary out/summary.csv
  gongkai validate reports/                        列出未通过的检查；有则退出码为 1

退出码：0 全部转换（或已是最新），1 有输入失败（validate：有检查未通过），
2 命令行用法错误，3 批量或 validate 中有报告不完整（表三或表四未找到或为空）且无失败，
130 被中断。",
            ),
            Msg::MainHelpTemplate => (
                "",
                "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}",
            ),
            Msg::AboutMan => (
                "Print a manual page (roff): gongkai(1), or gongkai-SUBCOMMAND(1)",
                "输出手册页（roff）：gongkai(1) 或 gongkai-子命令(1)。",
            ),
            Msg::AboutServe => (
                "Run the checking service and its web page (POST /api/convert, /api/validate)",
                "运行检查服务及其网页（POST /api/convert、/api/validate）。",
            ),
        }
    }

    /// The message in `lang`.
    pub fn text_in(self, lang: Lang) -> &'static str {
        let (en, zh) = self.texts();
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// The message in this run's language with its `{name}`s filled in.
pub fn say(msg: Msg, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    say_in(lang(), msg, values)
}

/// The message in `lang` with its `{name}`s filled in.
pub fn say_in(lang: Lang, msg: Msg, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = msg.text_in(lang).to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// An error line: the prefix, then `text`.
pub fn error_line(text: &str) -> String {
    format!("{}{text}", Msg::Error.text_in(lang()))
}

/// A warning line: the prefix, then `text`.
pub fn warning_line(text: &str) -> String {
    format!("{}{text}", Msg::Warning.text_in(lang()))
}

/// The flags' help in Chinese, by subcommand and flag id (the English
/// help is the doc comment in `args.rs`).
const FLAG_HELP_ZH: &[(&str, &str, &str)] = &[
    ("convert", "inputs", "文件、目录（递归读取）或通配模式；格式按内容识别。`-` 为标准输入"),
    ("convert", "to", "输出格式，逗号分隔：json、xlsx、md、html。不写时取 -o 文件的扩展名，否则为 json"),
    ("convert", "from", "按此格式读取每个输入（docx、pdf、xlsx、html、text、markdown、json），不看内容；也用来指明 `-`（标准输入）的格式"),
    ("convert", "output", "输出文件（一个输入、一种格式）或目录；`-` 或不写：标准输出（一个输入）"),
    ("convert", "compact", "写紧凑的 JSON，而不是缩进排版的 JSON"),
    ("convert", "force", "即使输出已是最新也重新转换"),
    ("convert", "summary", "把每个输入一行（路径、状态、机关、年度、合计、检查）写入 FILE：.csv 或 .xlsx"),
    ("convert", "log", "json：每个输入一条 JSON Lines 记录，写到标准输出（输出本身在标准输出时写到标准错误）"),
    ("convert", "quiet", "只显示错误和汇总"),
    ("convert", "verbose", "另外显示每个文件的检查数和诊断数"),
    ("convert", "jobs", "同时最多转换 N 个文件（0：每个 CPU 核一个）"),
    ("convert", "timeout", "一个文件超过 SECS 秒即放弃（0：不限）"),
    ("validate", "files", "文件、目录（递归读取）或通配模式；`-` 为标准输入"),
    ("validate", "format", "给人看（text）或给程序读（json）"),
    ("validate", "verbose", "列出求和的每一项，以及每项检查的报告路径和说明"),
    ("validate", "jobs", "同时最多检查 N 个文件（0：每个 CPU 核一个）"),
    ("validate", "timeout", "一个文件超过 SECS 秒即放弃（0：不限）"),
    ("convert", "dataset", "另外把每份报告的每个单元格、检查和诊断写入 FILE：.sqlite（表 reports、cells、checks、diagnostics；已有的 FILE 会追加）、.csv（单元格，长表；会追加）或 .parquet（每张表一个文件的目录，每次重写；需要 `parquet` 功能）"),
    ("convert", "organ_alias", "跨年度配对改过名的机关：每行 `名称,规范名称` 的 CSV 文件"),
    ("validate", "organ_alias", "跨年度配对改过名的机关：每行 `名称,规范名称` 的 CSV 文件"),
    ("inspect", "file", "要查看的文件"),
    ("serve", "addr", "监听的地址；不是 localhost 的地址会把服务开放到网络"),
    ("serve", "queue", "可以排队等待的请求数，超出的返回 503（0：每个工作线程 64 个）"),
    ("serve", "jobs", "同时最多处理 N 个文件（0：每个 CPU 核一个）"),
    ("serve", "timeout", "一个文件超过 SECS 秒即放弃（0：不限）"),
    ("completions", "shell", "shell 的名称"),
    ("man", "subcommand", "要显示其手册页的子命令（convert、validate……）"),
];

/// The limit flags' help in Chinese, by flag (the English help is the
/// limits table's, `gongkai::ir::LIMITS`); every limit needs a row.
const LIMIT_HELP_ZH: &[(&str, &str)] = &[
    (
        "max-input-bytes",
        "输入文件的最大字节数（可用 K、M、G 后缀）。",
    ),
    (
        "max-entry-bytes",
        "zip 中一个条目解压后的最大字节数（DOCX、XLSX）。",
    ),
    ("max-total-bytes", "zip 文件解压后的最大总字节数。"),
    ("max-zip-ratio", "zip 条目的最大压缩比。"),
    ("max-xml-depth", "XML 的最大嵌套层数。"),
    (
        "max-pdf-objects",
        "PDF 中最多的对象数（包括数组和字典中的值）。",
    ),
    ("max-pdf-depth", "PDF 中引用递归的最大深度。"),
    (
        "max-pdf-array",
        "PDF 一个数组或字典中最多的元素数，或一个操作符最多的操作数。",
    ),
    (
        "max-pdf-ops",
        "PDF 一页上最多绘制的操作符数（包括 Form XObject）。",
    ),
    ("max-pages", "从一个文档读取的最多页数。"),
    ("max-cells", "一张表格中最多的单元格数。"),
    ("max-text-chars", "一个文档中最多的文字字符数。"),
    ("max-html-attributes", "一个 HTML 标签上最多的属性数。"),
    (
        "max-image-pixels",
        "文字识别（OCR）读取的一幅图像的最多像素数（页面的宽 × 高）。",
    ),
    (
        "max-ocr-pages",
        "一个文档中最多用文字识别（OCR）读取的页面图像数（每页需几秒）。",
    ),
    ("max-memory", "读取一个输入时最多使用的内存字节数。"),
    (
        "ocr",
        "何时用文字识别（OCR）读取页面图像：never（从不）、auto（没有文字层的扫描件和图片文件）、always（PDF 的每一幅页面图像）。",
    ),
];

/// clap's own headings and help lines in Chinese (its English words →
/// ours), for `--help` of every subcommand.
const CLAP_WORDS_ZH: &[(&str, &str)] = &[
    ("Arguments", "参数"),
    ("Options", "选项"),
    ("Limits", "限制"),
    ("OCR", "文字识别（OCR）"),
    ("help", "显示帮助"),
    ("version", "显示版本"),
    ("help subcommand", "显示本帮助或某个子命令的帮助"),
    ("default", "默认："),
    ("possible values", "可选："),
];

/// A word of [`CLAP_WORDS_ZH`].
fn clap_zh(english: &str) -> &'static str {
    CLAP_WORDS_ZH
        .iter()
        .find(|(en, _)| *en == english)
        .map_or("", |(_, zh)| *zh)
}

/// An argument with Chinese help heading (clap's `Arguments`, `Options`,
/// and our `Limits`), its default and possible values said in Chinese
/// (clap's `[default: …]`), and for `--help` and `--version`, Chinese help.
fn chinese_arg(arg: clap::Arg) -> clap::Arg {
    let id = arg.get_id().as_str().to_string();
    let arg = match id.as_str() {
        "help" | "version" => arg.help(clap_zh(&id)),
        _ => arg,
    };
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let arg = if values.is_empty() || arg.is_hide_possible_values_set() {
        arg
    } else {
        help = format!(
            "{help}（{}{}）",
            clap_zh("possible values"),
            values.join("、")
        );
        arg.hide_possible_values(true)
    };
    let shows_default = arg.get_action().takes_values() && !arg.is_hide_default_value_set();
    let arg = if defaults.is_empty() || !shows_default {
        arg
    } else {
        help = format!("{help}（{}{}）", clap_zh("default"), defaults.join("、"));
        arg.hide_default_value(true)
    };
    let arg = if help.is_empty() { arg } else { arg.help(help) };
    let heading = match arg.get_help_heading() {
        None if arg.is_positional() => "Arguments",
        None => "Options",
        Some(h) => h,
    };
    match clap_zh(heading) {
        "" => arg,
        zh => arg.help_heading(zh),
    }
}

/// A subcommand's `--help` layout with Chinese headings.
const SUBCOMMAND_HELP_TEMPLATE_ZH: &str =
    "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The subcommands' one-line descriptions, by name.
const ABOUTS: &[(&str, Msg)] = &[
    ("convert", Msg::AboutConvert),
    ("validate", Msg::AboutValidate),
    ("inspect", Msg::AboutInspect),
    ("serve", Msg::AboutServe),
    ("formats", Msg::AboutFormats),
    ("schema", Msg::AboutSchema),
    ("completions", Msg::AboutCompletions),
    ("man", Msg::AboutMan),
];

/// The command line's definition with its descriptions in this run's
/// language.
pub fn localized(cmd: clap::Command) -> clap::Command {
    localized_in(lang(), cmd)
}

/// The command line's definition in English: what the man pages and the
/// completion scripts are made from.
pub fn english(cmd: clap::Command) -> clap::Command {
    localized_in(Lang::En, cmd)
}

/// The command line's definition with its descriptions in `lang`: the
/// tagline and the subcommands' descriptions come from this table in both
/// languages; Chinese also gets its help layout and flag help.
fn localized_in(lang: Lang, cmd: clap::Command) -> clap::Command {
    let cmd = cmd.about(Msg::Tagline.text_in(lang));
    let cmd = ABOUTS.iter().fold(cmd, |cmd, (name, msg)| {
        cmd.mut_subcommand(*name, |sub| sub.about(msg.text_in(lang)))
    });
    if lang == Lang::En {
        return cmd;
    }
    let cmd = cmd
        .after_help(Msg::MainAfterHelp.text_in(lang))
        .help_template(Msg::MainHelpTemplate.text_in(lang));
    let cmd = ABOUTS.iter().fold(cmd, |cmd, (name, _)| {
        cmd.mut_subcommand(*name, |sub| sub.help_template(SUBCOMMAND_HELP_TEMPLATE_ZH))
    });
    let cmd = FLAG_HELP_ZH.iter().fold(cmd, |cmd, (sub, flag, help)| {
        cmd.mut_subcommand(*sub, |s| s.mut_arg(*flag, |a| a.help(*help)))
    });
    let cmd = ABOUTS.iter().fold(cmd, |cmd, (name, _)| {
        cmd.mut_subcommand(*name, |sub| {
            LIMIT_HELP_ZH.iter().fold(sub, |sub, (flag, help)| {
                if sub.get_arguments().any(|a| a.get_id() == *flag) {
                    sub.mut_arg(*flag, |a| a.help(*help))
                } else {
                    sub
                }
            })
        })
    });
    // clap adds `--help`, `--version` and the `help` subcommand when it
    // builds the definition: build it first, then put them in Chinese.
    let mut cmd = cmd;
    cmd.build();
    let cmd = cmd
        .mut_args(chinese_arg)
        .mut_subcommand("help", |sub| sub.about(clap_zh("help subcommand")));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| sub.mut_args(chinese_arg))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_picks_the_language_and_every_message_has_both() {
        assert_eq!(lang_of("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(lang_of("zh_TW"), Lang::Zh);
        assert_eq!(lang_of("C.UTF-8"), Lang::En);
        assert_eq!(lang_of("en_US"), Lang::En);
        let filled = say_in(Lang::Zh, Msg::SummaryWritten, &[("path", &"s.csv")]);
        assert_eq!(filled, "汇总表已写入 s.csv");
        for (_, msg) in ABOUTS {
            let (en, zh) = msg.texts();
            assert!(!en.is_empty() && !zh.is_empty());
        }
    }

    #[test]
    fn every_limit_and_every_flag_has_chinese_help() {
        use clap::CommandFactory;
        for spec in gongkai::ir::LIMITS {
            assert!(
                LIMIT_HELP_ZH.iter().any(|(flag, _)| *flag == spec.flag),
                "--{} has no Chinese help: add a row to LIMIT_HELP_ZH in crates/cli/src/messages.rs",
                spec.flag
            );
        }
        let cmd = localized_in(Lang::Zh, crate::args::Cli::command());
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for sub in cmd.get_subcommands() {
            for arg in sub.get_arguments() {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                let heading = arg.get_help_heading().unwrap_or_default();
                // `help [COMMAND]` has no help of its own.
                if sub.get_name() != "help" {
                    assert!(cjk(&help), "{} {}: {help:?}", sub.get_name(), arg.get_id());
                }
                assert!(
                    cjk(heading),
                    "{} {}: {heading:?}",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn every_translated_flag_and_subcommand_exists() {
        use clap::CommandFactory;
        // clap panics on a flag or subcommand that is not there.
        let mut cmd = localized_in(Lang::Zh, crate::args::Cli::command());
        cmd.build();
        for (sub, flag, help) in FLAG_HELP_ZH {
            let arg = cmd
                .find_subcommand(sub)
                .and_then(|s| s.get_arguments().find(|a| a.get_id() == *flag));
            let shown = arg.and_then(|a| a.get_help()).map(|h| h.to_string());
            // Its default or possible values may follow.
            assert!(
                shown.as_deref().is_some_and(|s| s.starts_with(help)),
                "{sub} {flag}: {shown:?}"
            );
        }
    }
}
