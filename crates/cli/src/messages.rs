//! What the command line says to people, in English and in Chinese: one
//! table of messages, and the language the locale asks for (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`: Chinese when the first one set starts with `zh`).
//! Machine-read words (statuses, check ids, JSON) are not translated.

use std::sync::OnceLock;

use gongkai::ir::DumpLabels;
use gongkai::status::{Incompleteness, TableGap};

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
    /// A table of an incomplete report not found (`表三`, `表四`).
    TableMissing,
    /// A table of an incomplete report found without a value.
    TableEmpty,
    /// Between the tables of an incomplete report.
    ListSeparator,
    ValidateTotals,
    /// `validate`'s first line for one report.
    ValidateHeader,
    /// In `validate`'s first line when the report names no organ.
    OrganNotFound,
    /// A walk's entry that is not a regular file, left out.
    LeftOutLine,
    /// The progress bar (indicatif's template: `{pos}` and the like are its).
    ProgressTemplate,
    /// The progress bar's and the closing line's error count, for one.
    OneError,
    /// The progress bar's and the closing line's error count.
    Errors,
    /// The progress bar's count of inputs with failed checks.
    ProgressFailedChecks,
    /// The progress bar's count of incomplete reports.
    ProgressIncomplete,
    /// The progress bar's count of unsupported documents.
    ProgressUnsupported,
    /// An ETA under a minute.
    Seconds,
    /// An ETA under an hour.
    Minutes,
    /// A longer ETA.
    HoursMinutes,
    /// `-v`: one converted input's counts.
    FileDetail,
    /// An input that ran past `--timeout`.
    TimedOut,
    /// An input that ran past `--timeout` while its outputs were written.
    TimedOutWriting,
    /// A conversion that panicked outside the readers' guard.
    Panicked,
    /// No worker thread could be started.
    NoThread,
    /// Why a walk's entry or an input that is not a regular file is not read.
    NotRegular,
    /// The record of a batch's outputs could not be written.
    CannotRecord,
    /// A pattern that matches no file.
    NoMatch,
    /// A pattern that is not one.
    BadPattern,
    /// A file found by a pattern that cannot be read.
    CannotReadFile,
    /// The summary was written but could not be recorded.
    CannotRecordSummary,
    /// The summary could not be written.
    SummaryNotWritten,
    /// `gongkai man NAME` for a name that is no subcommand.
    NoManPage,
    /// Where a failed check's row was read in the source.
    ReadAt,
    /// `inspect`: the line before the dump.
    InspectHeader,
    /// `--dataset FILE` written.
    DatasetWritten,
    /// `gongkai formats`: before the readers.
    FormatsReaders,
    /// `gongkai formats`: before the writers.
    FormatsWriters,
    /// `--to` names no writer.
    UnknownOutputFormat,
    /// `--from` names no reader.
    UnknownInputFormat,
    /// `--summary` is not a .csv or .xlsx file.
    SummaryExtension,
    /// `--timeout` is not a number of seconds.
    Seconds0OrMore,
    /// After the first rows of a failed check: how many more.
    MoreRows,
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
    /// `convert --help` before its examples: how a batch and the output
    /// format work, the statuses and exit codes.
    ConvertNotes,
    ExamplesConvert,
    ExamplesValidate,
    ExamplesInspect,
    ExamplesServe,
    ExamplesFormats,
    ExamplesSchema,
    ExamplesCompletions,
    ExamplesMan,
}

impl Msg {
    /// The message in English and in Chinese; `{name}` marks what [`say`]
    /// fills in.
    pub(crate) fn texts(self) -> (&'static str, &'static str) {
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
            Msg::TableMissing => ("{table} not found", "未找到{table}"),
            Msg::TableEmpty => ("{table} is empty", "{table}为空"),
            Msg::ListSeparator => (", ", "，"),
            Msg::ValidateHeader => (
                "{file}: {organ} {year}: {checks} checks, {failed} failed, {uncertain} uncertain",
                "{file}：{organ} {year}：共 {checks} 项检查，{failed} 项未通过，{uncertain} 项无法判断",
            ),
            Msg::OrganNotFound => ("(organ not found)", "（未找到机关名称）"),
            Msg::LeftOutLine => ("skip {input}: {reason}", "skip {input}：{reason}"),
            Msg::ProgressTemplate => (
                "{pos}/{len} · {rate}/s · ETA {eta}{msg}",
                "{pos}/{len} · 每秒 {rate} 个 · 预计还需 {eta}{msg}",
            ),
            Msg::OneError => ("1 error", "错误 1 个"),
            Msg::Errors => ("{n} errors", "错误 {n} 个"),
            Msg::ProgressFailedChecks => ("{n} with failed checks", "检查未通过 {n} 个"),
            Msg::ProgressIncomplete => ("{n} incomplete", "不完整 {n} 个"),
            Msg::ProgressUnsupported => ("{n} unsupported", "不支持 {n} 个"),
            Msg::Seconds => ("{s}s", "{s} 秒"),
            Msg::Minutes => ("{m}m", "{m} 分钟"),
            Msg::HoursMinutes => ("{h}h {m}m", "{h} 小时 {m} 分钟"),
            Msg::FileDetail => (
                " ({checks} checks: {failed} failed, {uncertain} uncertain; diagnostics: {errors} errors, {warnings} warnings, {info} info)",
                "（共 {checks} 项检查：{failed} 项未通过，{uncertain} 项无法判断；诊断：错误 {errors} 条，警告 {warnings} 条，提示 {info} 条）",
            ),
            Msg::TimedOut => ("timed out after {secs} s", "超过 {secs} 秒，已放弃"),
            Msg::TimedOutWriting => (
                "timed out after {secs} s while writing its outputs (each is either whole or absent)",
                "写出输出时超过 {secs} 秒，已放弃（每个输出要么完整，要么不存在）",
            ),
            Msg::Panicked => (
                "internal error: the conversion panicked",
                "内部错误：转换崩溃",
            ),
            Msg::NoThread => ("cannot start a thread: {e}", "无法启动线程：{e}"),
            Msg::NotRegular => (
                "not a regular file: {kind}; only files are read",
                "不是普通文件（{kind}）；只读取普通文件",
            ),
            Msg::CannotRecord => (
                "{path}: cannot record the outputs ({e}); they will be converted again next time",
                "{path}：无法记录输出（{e}）；下次会重新转换",
            ),
            Msg::CannotRecordSummary => (
                "cannot record the summary: {e}",
                "无法记录汇总表：{e}",
            ),
            Msg::SummaryNotWritten => ("summary: {e}", "汇总表：{e}"),
            Msg::NoMatch => ("no file matches this pattern", "没有文件与这个模式匹配"),
            Msg::BadPattern => ("bad pattern: {e}", "模式无效（解析器：{e}）"),
            Msg::CannotReadFile => ("cannot read file: {e}", "无法读取文件：{e}"),
            Msg::NoManPage => ("no manual page for `{name}`", "没有 `{name}` 的手册页"),
            Msg::UnknownOutputFormat => (
                "unknown output format (known: {known})",
                "未知的输出格式（可选：{known}）",
            ),
            Msg::UnknownInputFormat => (
                "unknown input format (known: {known})",
                "未知的输入格式（可选：{known}）",
            ),
            Msg::SummaryExtension => (
                "the summary file must end in .csv or .xlsx",
                "汇总表文件的扩展名必须是 .csv 或 .xlsx",
            ),
            Msg::Seconds0OrMore => (
                "expected a number of seconds, 0 or more",
                "应为秒数（0 或更大）",
            ),
            Msg::FormatsReaders => ("Readers (input):", "读取器（输入）："),
            Msg::FormatsWriters => ("Writers (--to):", "写出器（--to）："),
            Msg::DatasetWritten => ("dataset written to {path}", "数据集已写入 {path}"),
            Msg::ReadAt => ("{path} read at {at}", "{path} 读取自 {at}"),
            Msg::InspectHeader => ("# {file} read as {format}", "# {file}（按 {format} 读取）"),
            Msg::MoreRows => ("… and {n} more rows", "……另有 {n} 行"),
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
            Msg::ConvertNotes => (
                "With several inputs, a directory or a pattern, -o names a directory; the
outputs mirror the input tree. Two inputs that differ only in extension
(a.pdf, a.docx) keep it: a.pdf.json, a.docx.json. Outputs made from the same
input bytes by the same gongkai with the same options are up to date and
skipped (an interrupted run resumes; OUT/.gongkai-outputs records them);
Ctrl-C stops starting new files, finishes the writes under way and exits 130.
A file that runs past --timeout is reported and stopped. `-` as input is
standard input (name its format with --from), and -o - is standard output.

Without --to, the format is that of -o FILE's extension (json when it names
none); a --to that contradicts it is a usage error. Binary output (xlsx) is
not written to a terminal unless -o - asks for it. Documents gongkai
recognises but does not read (.doc, .wps, .et, .ofd, BMP/GIF/WebP images) get a skip line
and the status unsupported. --log json writes one JSON line per input.

Each input's line and summary row starts with its status: ok, incomplete
(table 三 or 四 not found or empty), failed-checks, error, unsupported,
skipped. Exit codes of a batch: 0 every input ok, failed-checks or up to
date, 1 an input failed (error, unsupported), 2 usage error, 3 a report is
incomplete and nothing failed, 130 interrupted. One file by name is written
even when incomplete (exit 0, a warning line says what is missing).",
                "有多个输入、目录或通配模式时，-o 指定目录，输出按输入的目录结构存放。
只有扩展名不同的两个输入（a.pdf、a.docx）保留扩展名：a.pdf.json、a.docx.json。
同一个 gongkai 用同样的选项从同样的输入内容做出的输出已是最新，会跳过
（中断的运行可以继续；OUT/.gongkai-outputs 记录这些输出）。Ctrl-C 不再开始新文件，
写完正在写的输出后以退出码 130 结束。超过 --timeout 的文件会报告并停止。
输入 `-` 是标准输入（用 --from 指明格式），-o - 是标准输出。

不写 --to 时，输出格式取 -o FILE 的扩展名（没有扩展名时为 json）；--to 与之矛盾
是用法错误。二进制输出（xlsx）不写到终端，除非用 -o - 要求。gongkai 认得但不能
读取的文档（.doc、.wps、.et、.ofd，BMP/GIF/WebP 图像）显示一行 skip，状态为
unsupported。--log json 为每个输入写一行 JSON。

每个输入的那一行和汇总表的那一行以状态开头：ok、incomplete（表三或表四未找到或为空）、
failed-checks、error、unsupported、skipped。批量转换的退出码：0 每个输入都是 ok、
failed-checks 或已是最新，1 有输入失败（error、unsupported），2 用法错误，
3 有报告不完整且没有失败，130 被中断。按名称给出的单个文件即使不完整也会写出
（退出码 0，并有一行警告说明缺少什么）。",
            ),
            Msg::ExamplesConvert => (
                "Examples:
  gongkai convert report.pdf                  JSON on standard output
  gongkai convert report.docx -o report.xlsx  the format follows -o
  gongkai convert reports/ -o out/ --summary s.csv  a tree, and a summary",
                "示例：
  gongkai convert report.pdf                  JSON 输出到标准输出
  gongkai convert report.docx -o report.xlsx  格式随 -o 的扩展名
  gongkai convert reports/ -o out/ --summary s.csv  整个目录，另写汇总表",
            ),
            Msg::ExamplesValidate => (
                "Examples:
  gongkai validate report.pdf                 exit 1 if a check fails
  gongkai validate -v reports/                every operand of each sum
  gongkai validate reports/ --format json     for scripts",
                "示例：
  gongkai validate report.pdf                 有检查未通过时退出码为 1
  gongkai validate -v reports/                列出每个求和的每一项
  gongkai validate reports/ --format json     给程序读",
            ),
            Msg::ExamplesInspect => (
                "Examples:
  gongkai inspect report.pdf                  tables as grids, rows from 1
  gongkai inspect report.docx | less -S       wide tables unwrapped",
                "示例：
  gongkai inspect report.pdf                  表格画成网格，行从 1 数起
  gongkai inspect report.docx | less -S       宽表格不折行",
            ),
            Msg::ExamplesServe => (
                "Examples:
  gongkai serve                               the page at http://127.0.0.1:8080/
  gongkai serve --addr 0.0.0.0:8080 -j 2      open to the network
  curl -F file=@a.pdf localhost:8080/api/validate",
                "示例：
  gongkai serve                               网页在 http://127.0.0.1:8080/
  gongkai serve --addr 0.0.0.0:8080 -j 2      开放到网络
  curl -F file=@a.pdf localhost:8080/api/validate",
            ),
            Msg::ExamplesFormats => (
                "Examples:
  gongkai formats                             every reader and writer
  gongkai formats | grep pdf",
                "示例：
  gongkai formats                             列出所有读取器和写出器
  gongkai formats | grep pdf",
            ),
            Msg::ExamplesSchema => (
                "Examples:
  gongkai schema > report.schema.json
  gongkai schema | jq '.properties | keys'    the report's fields",
                "示例：
  gongkai schema > report.schema.json
  gongkai schema | jq '.properties | keys'    报告的顶层字段",
            ),
            Msg::ExamplesCompletions => (
                "Examples:
  gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai
  gongkai completions zsh > ~/.zfunc/_gongkai
  gongkai completions fish > ~/.config/fish/completions/gongkai.fish",
                "示例：
  gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai
  gongkai completions zsh > ~/.zfunc/_gongkai
  gongkai completions fish > ~/.config/fish/completions/gongkai.fish",
            ),
            Msg::ExamplesMan => (
                "Examples:
  gongkai man | man -l -                      gongkai(1)
  gongkai man convert | man -l -              gongkai-convert(1)
  gongkai man validate > gongkai-validate.1",
                "示例：
  gongkai man | man -l -                      gongkai(1)
  gongkai man convert | man -l -              gongkai-convert(1)
  gongkai man validate > gongkai-validate.1",
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

/// Why a report is incomplete, in this run's language (`表三 not found`,
/// `未找到表三`).
pub fn incompleteness_line(why: &Incompleteness) -> String {
    incompleteness_in(lang(), why)
}

/// Why a report is incomplete, in `lang`.
pub fn incompleteness_in(lang: Lang, why: &Incompleteness) -> String {
    let parts: Vec<String> = why
        .gaps
        .iter()
        .map(|(table, gap)| {
            let msg = match gap {
                TableGap::Missing => Msg::TableMissing,
                TableGap::Empty => Msg::TableEmpty,
            };
            say_in(lang, msg, &[("table", &table.name())])
        })
        .collect();
    parts.join(Msg::ListSeparator.text_in(lang))
}

/// The words of `inspect`'s dump in Chinese (the English are the IR's).
const DUMP_LABELS_ZH: DumpLabels = DumpLabels {
    paragraph: "段落",
    table: "表格",
    nested: "第{row}行 第{col}列中的嵌套表格 {n}",
    cell_lines: "第{row}行 第{col}列：",
    diagnostic: "诊断",
    severity: |s| match s {
        gongkai::ir::Severity::Error => "错误",
        gongkai::ir::Severity::Warning => "警告",
        gongkai::ir::Severity::Info => "提示",
    },
    message: crate::diagnostics_zh::reader_message_zh,
    place: crate::location::place_zh,
};

/// The words of `inspect`'s dump in `lang`.
pub fn dump_labels(lang: Lang) -> DumpLabels {
    match lang {
        Lang::En => DumpLabels::ENGLISH,
        Lang::Zh => DUMP_LABELS_ZH,
    }
}

/// An error line: the prefix, then `text`.
pub fn error_line(text: &str) -> String {
    format!("{}{text}", Msg::Error.text_in(lang()))
}

/// A warning line: the prefix, then `text`.
pub fn warning_line(text: &str) -> String {
    format!("{}{text}", Msg::Warning.text_in(lang()))
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
    }
}
