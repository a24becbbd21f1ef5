//! `--help` in the locale's language: the tagline, the subcommands'
//! descriptions and examples from the message table, and in Chinese the
//! flags' help, clap's own headings and the help layout.

use crate::messages::{lang, Lang, Msg};

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
        // clap's long `--help` line (`see a summary with '-h'`) too.
        "help" | "version" => arg.help(clap_zh(&id)).long_help(clap_zh(&id)),
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

/// The subcommands' one-line descriptions and examples (what their help
/// ends with), by name.
const ABOUTS: &[(&str, Msg, Msg)] = &[
    ("convert", Msg::AboutConvert, Msg::ExamplesConvert),
    ("validate", Msg::AboutValidate, Msg::ExamplesValidate),
    ("inspect", Msg::AboutInspect, Msg::ExamplesInspect),
    ("serve", Msg::AboutServe, Msg::ExamplesServe),
    ("formats", Msg::AboutFormats, Msg::ExamplesFormats),
    ("schema", Msg::AboutSchema, Msg::ExamplesSchema),
    (
        "completions",
        Msg::AboutCompletions,
        Msg::ExamplesCompletions,
    ),
    ("man", Msg::AboutMan, Msg::ExamplesMan),
];

/// What `--help` (not `-h`) says before a subcommand's examples.
const NOTES: &[(&str, Msg)] = &[("convert", Msg::ConvertNotes)];

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
    let cmd = ABOUTS.iter().fold(cmd, |cmd, (name, about, examples)| {
        cmd.mut_subcommand(*name, |sub| {
            let sub = sub
                .about(about.text_in(lang))
                .after_help(examples.text_in(lang));
            match NOTES.iter().find(|(n, _)| n == name) {
                Some((_, notes)) => sub.after_long_help(format!(
                    "{}\n\n{}",
                    notes.text_in(lang),
                    examples.text_in(lang)
                )),
                None => sub,
            }
        })
    });
    if lang == Lang::En {
        return cmd;
    }
    let cmd = cmd
        .after_help(Msg::MainAfterHelp.text_in(lang))
        .help_template(Msg::MainHelpTemplate.text_in(lang));
    let cmd = ABOUTS.iter().fold(cmd, |cmd, (name, _, _)| {
        cmd.mut_subcommand(*name, |sub| sub.help_template(SUBCOMMAND_HELP_TEMPLATE_ZH))
    });
    let cmd = FLAG_HELP_ZH.iter().fold(cmd, |cmd, (sub, flag, help)| {
        cmd.mut_subcommand(*sub, |s| s.mut_arg(*flag, |a| a.help(*help)))
    });
    let cmd = ABOUTS.iter().fold(cmd, |cmd, (name, _, _)| {
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

/// clap's usage errors in Chinese, by kind: `{arg}` and `{value}` are the
/// error's own; the ones not here keep clap's English.
const USAGE_ERRORS_ZH: &[(clap::error::ErrorKind, &str)] = &[
    (
        clap::error::ErrorKind::UnknownArgument,
        "不认识的参数 {arg}",
    ),
    (
        clap::error::ErrorKind::InvalidSubcommand,
        "不认识的子命令 {arg}",
    ),
    (
        clap::error::ErrorKind::InvalidValue,
        "{arg} 的值 {value} 无效",
    ),
    (
        clap::error::ErrorKind::ValueValidation,
        "{arg} 的值 {value} 无效",
    ),
    (
        clap::error::ErrorKind::MissingRequiredArgument,
        "缺少必需的参数 {arg}",
    ),
    (
        clap::error::ErrorKind::ArgumentConflict,
        "{arg} 不能与其他参数同时使用",
    ),
    (
        clap::error::ErrorKind::TooManyValues,
        "{arg} 的值 {value} 多余",
    ),
    (clap::error::ErrorKind::MissingSubcommand, "缺少子命令"),
];

/// A usage error in Chinese (`gongkai：错误：不认识的参数 --bogus`), with the
/// validator's own reason when it gave one; `None` when its kind has no
/// Chinese sentence.
pub fn usage_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let sentence = USAGE_ERRORS_ZH
        .iter()
        .find(|(kind, _)| *kind == e.kind())
        .map(|(_, s)| *s)?;
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(all)) => all.join("、"),
        _ => String::new(),
    };
    let arg = match e.kind() {
        clap::error::ErrorKind::InvalidSubcommand => context(ContextKind::InvalidSubcommand),
        _ => context(ContextKind::InvalidArg),
    };
    let mut line = sentence.replace("{arg}", &arg).replace(
        "{value}",
        &format!("'{}'", context(ContextKind::InvalidValue)),
    );
    if let Some(source) = std::error::Error::source(e) {
        line.push_str(&format!("：{source}"));
    }
    let valid = context(ContextKind::ValidValue);
    if !valid.is_empty() {
        line.push_str(&format!("（可选：{valid}）"));
    }
    Some(format!(
        "{}{line}\n\n更多信息请用 `--help`。",
        Msg::Error.text_in(Lang::Zh)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The `gongkai …` lines of an examples text, as arguments: up to a
    /// pipe or a redirection, quotes removed.
    fn example_commands(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .filter_map(|l| l.trim_start().strip_prefix("gongkai "))
            .map(|rest| {
                // The comment after the command is two spaces or more away.
                let command = rest.split("  ").next().unwrap_or_default();
                let mut args = vec!["gongkai".to_string()];
                for word in command.split_whitespace() {
                    if word == "|" || word == ">" {
                        break;
                    }
                    args.push(word.trim_matches('\'').to_string());
                }
                args
            })
            .collect()
    }

    #[test]
    fn every_subcommand_ends_its_help_with_examples_that_parse() {
        use clap::CommandFactory;
        let defined: Vec<String> = crate::args::Cli::command()
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .filter(|n| n != "help")
            .collect();
        for name in &defined {
            assert!(
                ABOUTS.iter().any(|(n, _, _)| n == name),
                "{name} has no description and examples in ABOUTS"
            );
        }
        for (name, about, examples) in ABOUTS {
            let (en, zh) = about.texts();
            assert!(!en.is_empty() && !zh.is_empty(), "{name}");
            let (en, zh) = examples.texts();
            assert!(en.starts_with("Examples:\n"), "{name}: {en}");
            assert!(zh.starts_with("示例：\n"), "{name}: {zh}");
            let commands = example_commands(en);
            assert!((2..=3).contains(&commands.len()), "{name}: {commands:?}");
            assert_eq!(commands, example_commands(zh), "{name}: the same commands");
            for args in commands {
                assert_eq!(args.get(1).map(String::as_str), Some(*name), "{args:?}");
                let parsed = crate::args::Cli::command().try_get_matches_from(&args);
                assert!(parsed.is_ok(), "{args:?}: {parsed:?}");
            }
            for lang in [Lang::En, Lang::Zh] {
                let mut cmd = localized_in(lang, crate::args::Cli::command());
                let sub = cmd.find_subcommand_mut(name).map(|s| s.render_long_help());
                let help = sub.map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    help.trim_end().ends_with(examples.text_in(lang).trim_end()),
                    "{name}: {help}"
                );
            }
        }
    }
}
