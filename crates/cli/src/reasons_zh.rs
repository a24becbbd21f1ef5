//! The particulars of a read error in Chinese: why a file is malformed,
//! locked, undecodable, without text or too big (the typed reasons of
//! `gongkai::ir`, whose `Display` is the English), and a system I/O error by
//! its kind. Every match is exhaustive, so a new reason does not compile
//! until it is worded here. A third-party parser's own words follow as
//! marked detail, `（解析器：…）`, never as our sentence.

use gongkai::ir::{Amount, Flaw, Lock, NoText, Noticed, Oversize, PdfList, PdfSource, Undecodable};

/// How a parser's own words are marked: after our sentence, in brackets.
const PARSER_DETAIL: &str = "（解析器：";

/// A parser's own words, marked as its detail.
pub(crate) fn parser(detail: &str) -> String {
    format!("{PARSER_DETAIL}{detail}）")
}

/// A number as said: exactly, at least, more than.
fn amount(a: &Amount) -> String {
    match a {
        Amount::Exactly(n) => n.to_string(),
        Amount::AtLeast(n) => format!("至少 {n}"),
        Amount::MoreThan(n) => format!("超过 {n}"),
    }
}

/// Why the bytes are not a valid file of their format.
pub(crate) fn flaw_zh(flaw: &Flaw) -> String {
    match flaw {
        Flaw::Parser(detail) => format!("内容有误{}", parser(detail)),
        Flaw::Noticed(n) => noticed_zh(n, "读取时发现的问题使读取无法继续"),
        Flaw::ZipInflate { entry, detail } => {
            format!("无法解压 zip 条目 {entry}{}", parser(detail))
        }
        Flaw::ZipPrefixed {
            prefix,
            stub,
            repair,
        } => {
            let what = if *stub {
                "自解压程序，zip 的偏移量把它算在内"
            } else {
                "下载时附加的多余内容，或一段程序"
            };
            format!("zip 包前面有 {prefix} 字节的其他内容（{what}）；去掉它们即可读取：`{repair}`")
        }
        Flaw::ZipDamaged(detail) => format!("zip 包已损坏或不完整{}", parser(detail)),
        Flaw::ZipUnreadable(detail) => format!("不是可读的 zip 包{}", parser(detail)),
        Flaw::NoMainDocument => "zip 包里没有 Word 主文档（没有 word/document.xml，\
             [Content_Types].xml 和 _rels/.rels 也都没有指明）"
            .to_string(),
        Flaw::XmlNotWellFormed { byte, detail } => {
            format!(
                "主文档的 XML 在第 {byte} 字节处格式不正确{}",
                parser(detail)
            )
        }
        Flaw::NotAWorkbook => "不是 XLSX、XLS 或 ODS 工作簿".to_string(),
        Flaw::PartNotUtf8(detail) => format!("某个部件不是 UTF-8 文字{}", parser(detail)),
        Flaw::NoPart { part, detail } => format!("没有部件 {part}{}", parser(detail)),
        Flaw::BadPart { part, detail } => format!("部件 {part} 无法解析{}", parser(detail)),
        Flaw::CompoundFile(detail) => format!("复合文档已损坏{}", parser(detail)),
        Flaw::NoWorkbookStream => "复合文档里没有工作簿数据流".to_string(),
        Flaw::MhtNoContentType => "网页存档没有 Content-Type 头".to_string(),
        Flaw::MhtNoBoundary => "网页存档的 Content-Type 没有指明分界符".to_string(),
        Flaw::MhtNoPage => "网页存档里没有网页（text/html）部分".to_string(),
        Flaw::MhtBase64 { part, detail } => {
            format!(
                "网页存档的第{part}部分不是有效的 base64 编码{}",
                parser(detail)
            )
        }
        Flaw::NotAnImage => "不是 PNG、JPEG 或 TIFF 图像".to_string(),
        Flaw::TiffBits => "TIFF 图像的采样既不是 8 位也不是 16 位".to_string(),
        Flaw::TiffColour(kind) => format!("不支持的 TIFF 颜色类型{}", parser(kind)),
        Flaw::TiffShort => "TIFF 页面的数据比它的尺寸短".to_string(),
        Flaw::FaxWidth { page, width } => format!("第{page}页的传真图像宽 {width} 像素，无法解码"),
        Flaw::FaxHeight { page, height } => {
            format!("第{page}页的传真图像高 {height} 像素，无法解码")
        }
        Flaw::FaxUndecodable { page } => format!("第{page}页图像的 CCITT 传真数据无法解码"),
        Flaw::FaxRows { page, rows, height } => {
            format!("第{page}页图像的 CCITT 传真数据只有 {rows} 行，图像却说有 {height} 行")
        }
        Flaw::SamplesShort {
            page,
            bytes,
            width,
            height,
            needed,
        } => format!(
            "第{page}页图像只有 {bytes} 字节的采样数据，而 {width}×{height} 像素需要 {needed} 字节"
        ),
        Flaw::NoCatalog => "没有文档目录（Catalog）".to_string(),
        Flaw::NoPageTree => "没有页面树".to_string(),
        Flaw::PagesMissing(n) => format!("页面树中有 {n} 页缺失（文件不完整或已损坏）"),
        Flaw::ObjectStream { object, detail } => {
            format!("对象流 {object} 0 R 无法解码{}", parser(detail))
        }
        Flaw::ImageNoSize(page) => format!("第{page}页的图像没有尺寸"),
        Flaw::ImageUndecodable { page, detail } => {
            format!("第{page}页的图像数据流无法解码{}", parser(detail))
        }
        Flaw::ImageLength {
            page,
            width,
            height,
            needed,
            got,
        } => format!(
            "第{page}页的图像说它是 {width}×{height} 像素（{needed} 字节），\
             数据流解码后却是 {} 字节",
            amount(got)
        ),
        Flaw::ImageBits { page, bits } => format!("第{page}页的图像每个采样 {bits} 位，不支持"),
    }
}

/// Why an encrypted file cannot be opened.
pub(crate) fn lock_zh(lock: &Lock) -> String {
    match lock {
        Lock::ZipPassword => "zip 条目设有密码".to_string(),
        Lock::OfficePassword => "设有密码（已加密）的 Office 文档；请在 Word 或 WPS 中用密码打开，\
             不设密码另存为 DOCX 后再试"
            .to_string(),
        Lock::WorkbookPassword => "工作簿设有密码".to_string(),
        Lock::PdfPassword => "需要密码才能打开".to_string(),
        Lock::PdfDecryption(detail) => format!("无法解密{}", parser(detail)),
    }
}

/// Why text could not be decoded.
pub(crate) fn undecodable_zh(why: &Undecodable) -> String {
    match why {
        Undecodable::Bom(encoding) => {
            format!("文件以 {encoding} 字节顺序标记开头，内容却不是有效的 {encoding}")
        }
        Undecodable::Utf16(encoding) => {
            format!("字节看起来是没有字节顺序标记的 {encoding}，但并非都是有效的 {encoding}")
        }
        Undecodable::Binary => "二进制数据（含零字节），不是任何支持的编码的文字".to_string(),
        Undecodable::NotChinese => {
            "未知编码：不是 UTF-8 或 UTF-16；按 GB18030 能解码，但读出来不是中文".to_string()
        }
        Undecodable::Unknown => "未知编码：不是 UTF-8、UTF-16 或 GB18030/GBK".to_string(),
        Undecodable::Nul {
            encoding,
            line,
            column,
        } => format!(
            "{encoding} 文字在第{line}行第{column}列有一个 NUL 字符（U+0000，零字节）：\
             它代表一个丢失的字符，所以不读取这份文字（如果这些 NUL 不含内容，删掉即可）"
        ),
        Undecodable::NotUtf8 => "Markdown 必须是 UTF-8 文字".to_string(),
        Undecodable::Noticed(n) => noticed_zh(n, "读取时发现无法解码的文字"),
    }
}

/// A reader's diagnostic that stopped the read: its place, its code's
/// sentence (`otherwise` for a code without one) and the source text it
/// concerns, which carry what the English message spells out.
fn noticed_zh(n: &Noticed, otherwise: &str) -> String {
    let place = n.at.as_deref().map(crate::location::place_zh);
    let sentence = crate::diagnostics_zh::diagnostic_zh(&n.code).unwrap_or(otherwise);
    crate::diagnostics_zh::placed_zh(place.as_deref(), sentence, n.raw.as_deref())
}

/// Why a document has no text to read.
pub(crate) fn no_text_zh(why: &NoText) -> String {
    match why {
        NoText::Pages(n) => format!("{n} 页没有任何文字；请先做文字识别（例如用 ocrmypdf）"),
        NoText::OcrOff(n) => format!("{n} 页是图像，而文字识别已关闭（--ocr never）"),
        NoText::OcrNever(inner) => format!("{}，或去掉 --ocr never", no_text_zh(inner)),
    }
}

/// Where in a PDF.
fn pdf_source(source: &PdfSource) -> String {
    match source {
        PdfSource::File => "文件".to_string(),
        PdfSource::ObjectStream(id) => format!("对象流 {id} 0 R"),
        PdfSource::Page(page) => format!("第{page}页的内容"),
        PdfSource::Form {
            object,
            generation,
            page,
        } => format!("第{page}页上表单 {object} {generation} R 的内容"),
    }
}

/// What went past a limit, and where.
pub(crate) fn oversize_zh(what: &Oversize) -> String {
    match what {
        Oversize::File(bytes) => format!("文件有 {} 字节", amount(bytes)),
        Oversize::ZipEntry { entry, bytes } => {
            format!("zip 条目 {entry}（解压后 {bytes} 字节）")
        }
        Oversize::ZipRatio {
            entry,
            bytes,
            compressed,
        } => format!("zip 条目 {entry} 的压缩比（{compressed} 字节解压为 {bytes} 字节）"),
        Oversize::Package(bytes) => format!("解压后的 zip 包大小（{bytes} 字节）"),
        Oversize::XmlNesting(part) => format!("{part} 的 XML 嵌套深度"),
        Oversize::MainDocumentNesting => "主文档的 XML 嵌套深度".to_string(),
        Oversize::HtmlNesting => "网页的嵌套深度".to_string(),
        Oversize::HtmlAttributes => "一个标签的属性个数".to_string(),
        Oversize::ArchivePart { part, bytes } => {
            format!("网页存档的第{part}部分（解码后 {bytes} 字节）")
        }
        Oversize::Text(chars) => format!("{} 个字符的文字", amount(chars)),
        Oversize::Table(cells) => format!("{} 个单元格的表格", amount(cells)),
        Oversize::TableAtLine(line) => format!("第{line}行开始的表格"),
        Oversize::TableOnPage { cells, page } => format!("第{page}页上 {cells} 个单元格的表格"),
        Oversize::Sheet { sheet, cells } => format!("工作表 {sheet}（{cells} 个单元格）"),
        Oversize::SheetMerged { sheet, cells } => {
            format!("工作表 {sheet}（合并区域共 {cells} 个单元格）")
        }
        Oversize::SheetWithMerges { sheet, cells } => {
            format!("工作表 {sheet}（连同合并区域共 {cells} 个单元格）")
        }
        Oversize::Pages(pages) => format!("{} 页", amount(pages)),
        Oversize::TiffPages(pages) => format!("{} 页的 TIFF 图像", amount(pages)),
        Oversize::TiffOcrPages(pages) => {
            format!("要做文字识别的 {} 页 TIFF 图像", amount(pages))
        }
        Oversize::ScanPages(pages) => format!("{pages} 页的扫描件"),
        Oversize::Image {
            page,
            width,
            height,
        } => format!("第{page}页 {width}×{height} 像素的图像"),
        Oversize::WorkbookStream(bytes) => format!("{bytes} 字节的工作簿数据流"),
        Oversize::FormNesting => "表单对象（Form XObject）的嵌套".to_string(),
        Oversize::PageTreeDepth => "页面树的深度".to_string(),
        Oversize::PageOperators(page) => {
            format!("第{page}页的绘制操作数（含表单对象）")
        }
        Oversize::PdfList { list, byte, within } => {
            let list = match list {
                PdfList::Array => "数组",
                PdfList::Dictionary => "字典",
                PdfList::Operands => "操作数列表",
            };
            format!("{} 第 {byte} 字节处的{list}", pdf_source(within))
        }
        Oversize::PdfObjects { byte, within } => {
            format!("到{} 第 {byte} 字节处的对象个数", pdf_source(within))
        }
        Oversize::Memory(bytes) => format!("{bytes} 字节的内存用量"),
        Oversize::Embedded { what, document } => {
            format!("嵌入文档 {document} 中的 {}", oversize_zh(what))
        }
    }
}

/// Why a limit flag's value is not one.
pub(crate) fn bad_value_zh(e: &gongkai::ir::BadValue) -> String {
    use gongkai::ir::BadValue;
    match e {
        BadValue::Suffix(c) => format!("不认识的大小后缀 {c:?}（可用 K、M 或 G）"),
        BadValue::NotWhole(text) => format!("{text:?} 不是整数"),
        BadValue::TooLarge(text) => format!("{text} 太大"),
    }
}

/// A system I/O error in Chinese, by its kind; the system's own words
/// follow as detail for the kinds that carry more than their name.
pub(crate) fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let sentence = match e.kind() {
        K::NotFound => return "文件不存在".to_string(),
        K::PermissionDenied => return "没有权限".to_string(),
        K::IsADirectory => return "这是一个目录，不是文件".to_string(),
        K::NotADirectory => "路径中的某一部分不是目录",
        K::UnexpectedEof => "文件意外结束（不完整）",
        K::InvalidData => "数据无效",
        K::InvalidInput => "参数无效",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::FileTooLarge => "文件太大",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::AlreadyExists => "文件已存在",
        K::BrokenPipe => "管道已关闭",
        K::Interrupted => "操作被中断",
        K::TimedOut => "操作超时",
        K::WouldBlock => "操作会阻塞",
        K::OutOfMemory => "内存不足",
        K::Unsupported => "系统不支持这个操作",
        K::WriteZero => "无法写入",
        K::ResourceBusy => "资源正忙",
        K::Deadlock => "死锁",
        K::CrossesDevices => "不能跨设备移动",
        K::TooManyLinks => "链接过多",
        K::InvalidFilename => "文件名无效",
        K::ArgumentListTooLong => "参数列表太长",
        K::DirectoryNotEmpty => "目录不是空的",
        K::ExecutableFileBusy => "可执行文件正忙",
        K::StaleNetworkFileHandle => "网络文件句柄已失效",
        K::NetworkDown | K::NetworkUnreachable | K::HostUnreachable => "网络不可达",
        K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::AddrInUse
        | K::AddrNotAvailable => "网络连接出错",
        _ => "系统输入输出错误",
    };
    // The OS's words (`Too many open files`, `No space left on device`)
    // as detail: they are the system's, not ours.
    format!("{sentence}（系统：{e}）")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_testkit::english::english_words;

    #[test]
    fn every_reason_reads_in_chinese() {
        let detail = || "Parser Words".to_string();
        let flaws = [
            Flaw::Parser(detail()),
            Flaw::Noticed(Noticed {
                code: "pdf.content.undecodable".into(),
                message: "page 1: a content stream cannot be decoded".into(),
                at: Some("page 1".into()),
                raw: None,
            }),
            Flaw::ZipInflate {
                entry: "word/document.xml".into(),
                detail: detail(),
            },
            Flaw::ZipPrefixed {
                prefix: 141,
                stub: false,
                repair: "tail -c +142 FILE > fixed.docx".into(),
            },
            Flaw::ZipPrefixed {
                prefix: 512,
                stub: true,
                repair: "zip -J FILE".into(),
            },
            Flaw::ZipDamaged(detail()),
            Flaw::ZipUnreadable(detail()),
            Flaw::NoMainDocument,
            Flaw::XmlNotWellFormed {
                byte: 7,
                detail: detail(),
            },
            Flaw::NotAWorkbook,
            Flaw::PartNotUtf8(detail()),
            Flaw::NoPart {
                part: "content.xml",
                detail: detail(),
            },
            Flaw::BadPart {
                part: "content.xml",
                detail: detail(),
            },
            Flaw::CompoundFile(detail()),
            Flaw::NoWorkbookStream,
            Flaw::MhtNoContentType,
            Flaw::MhtNoBoundary,
            Flaw::MhtNoPage,
            Flaw::MhtBase64 {
                part: 1,
                detail: detail(),
            },
            Flaw::NotAnImage,
            Flaw::TiffBits,
            Flaw::TiffColour("Palette".into()),
            Flaw::TiffShort,
            Flaw::FaxWidth { page: 1, width: 9 },
            Flaw::FaxHeight { page: 1, height: 9 },
            Flaw::FaxUndecodable { page: 1 },
            Flaw::FaxRows {
                page: 1,
                rows: 2,
                height: 3,
            },
            Flaw::SamplesShort {
                page: 1,
                bytes: 2,
                width: 3,
                height: 4,
                needed: 5,
            },
            Flaw::NoCatalog,
            Flaw::NoPageTree,
            Flaw::PagesMissing(4),
            Flaw::ObjectStream {
                object: 6,
                detail: detail(),
            },
            Flaw::ImageNoSize(1),
            Flaw::ImageUndecodable {
                page: 1,
                detail: detail(),
            },
            Flaw::ImageLength {
                page: 1,
                width: 2,
                height: 3,
                needed: 6,
                got: Amount::MoreThan(9),
            },
            Flaw::ImageBits { page: 1, bits: 3 },
        ];
        let mut said: Vec<(String, String)> =
            flaws.iter().map(|f| (f.to_string(), flaw_zh(f))).collect();
        let locks = [
            Lock::ZipPassword,
            Lock::OfficePassword,
            Lock::WorkbookPassword,
            Lock::PdfPassword,
            Lock::PdfDecryption(detail()),
        ];
        said.extend(locks.iter().map(|l| (l.to_string(), lock_zh(l))));
        let undecodable = [
            Undecodable::Bom("UTF-8"),
            Undecodable::Utf16("UTF-16LE"),
            Undecodable::Binary,
            Undecodable::NotChinese,
            Undecodable::Unknown,
            Undecodable::Nul {
                encoding: "UTF-8",
                line: 1,
                column: 2,
            },
            Undecodable::NotUtf8,
            Undecodable::Noticed(Noticed {
                code: "pdf.font.undecodable".into(),
                message: "page 1: font F1 has no ToUnicode map".into(),
                at: Some("page 1".into()),
                raw: Some("F1".into()),
            }),
        ];
        said.extend(
            undecodable
                .iter()
                .map(|u| (u.to_string(), undecodable_zh(u))),
        );
        let no_text = [
            NoText::Pages(1),
            NoText::OcrOff(2),
            NoText::OcrNever(Box::new(NoText::Pages(3))),
        ];
        said.extend(no_text.iter().map(|n| (n.to_string(), no_text_zh(n))));
        let sheet = || "表三".to_string();
        let sources = [
            PdfSource::File,
            PdfSource::ObjectStream(6),
            PdfSource::Page(1),
            PdfSource::Form {
                object: 5,
                generation: 0,
                page: 2,
            },
        ];
        let mut oversizes = vec![
            Oversize::File(Amount::AtLeast(9)),
            Oversize::ZipEntry {
                entry: "word/document.xml".into(),
                bytes: 9,
            },
            Oversize::ZipRatio {
                entry: "word/document.xml".into(),
                bytes: 9,
                compressed: 1,
            },
            Oversize::Package(9),
            Oversize::XmlNesting("xl/workbook.xml".into()),
            Oversize::MainDocumentNesting,
            Oversize::HtmlNesting,
            Oversize::HtmlAttributes,
            Oversize::ArchivePart { part: 1, bytes: 9 },
            Oversize::Text(Amount::Exactly(9)),
            Oversize::Table(Amount::MoreThan(9)),
            Oversize::TableAtLine(3),
            Oversize::TableOnPage { cells: 9, page: 1 },
            Oversize::Sheet {
                sheet: sheet(),
                cells: 9,
            },
            Oversize::SheetMerged {
                sheet: sheet(),
                cells: 9,
            },
            Oversize::SheetWithMerges {
                sheet: sheet(),
                cells: 9,
            },
            Oversize::Pages(Amount::MoreThan(9)),
            Oversize::TiffPages(Amount::MoreThan(9)),
            Oversize::TiffOcrPages(Amount::MoreThan(9)),
            Oversize::ScanPages(9),
            Oversize::Image {
                page: 1,
                width: 2,
                height: 3,
            },
            Oversize::WorkbookStream(9),
            Oversize::FormNesting,
            Oversize::PageTreeDepth,
            Oversize::PageOperators(1),
            Oversize::Memory(9),
            Oversize::Embedded {
                what: Box::new(Oversize::Package(9)),
                document: "word/b.docx".into(),
            },
        ];
        for within in sources {
            for list in [PdfList::Array, PdfList::Dictionary, PdfList::Operands] {
                oversizes.push(Oversize::PdfList {
                    list,
                    byte: 4,
                    within,
                });
            }
            oversizes.push(Oversize::PdfObjects { byte: 4, within });
        }
        said.extend(oversizes.iter().map(|o| (o.to_string(), oversize_zh(o))));
        for bad in [
            gongkai::ir::BadValue::Suffix('X'),
            gongkai::ir::BadValue::NotWhole("1,5".into()),
            gongkai::ir::BadValue::TooLarge("99999999999G".into()),
        ] {
            said.push((bad.to_string(), bad_value_zh(&bad)));
        }
        for kind in [
            std::io::ErrorKind::IsADirectory,
            std::io::ErrorKind::UnexpectedEof,
            std::io::ErrorKind::InvalidData,
            std::io::ErrorKind::StorageFull,
            std::io::ErrorKind::Other,
        ] {
            let e = std::io::Error::new(kind, "Some English words");
            said.push((e.to_string(), io_zh(&e)));
        }
        for (en, zh) in said {
            assert!(!zh.is_empty(), "{en}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}: {zh}"
            );
            assert!(english_words(&zh).is_empty(), "{en}: {zh}");
        }
    }
}
