//! Where a report's value or diagnostic was read, for people: the report
//! keeps the place as the English text the readers wrote (`table 2 row 4
//! cell 1`, `page 3 (x 90, y 412)`, `sheet 表三!D7`), and this is the one
//! place that reads that grammar back, to say it in Chinese (`表2 第4行
//! 第1格`). The grammar is `gongkai::ir::Origin`'s `Display` and the readers'
//! `page N` and `sheet NAME`; a shape it does not know is shown as stored.

use crate::messages::{lang, Lang};

/// A place as a report stores it, in this run's language.
pub(crate) fn place(at: &str) -> String {
    place_in(lang(), at)
}

/// A place as a report stores it, in `lang`.
pub(crate) fn place_in(lang: Lang, at: &str) -> String {
    match lang {
        Lang::En => at.to_string(),
        Lang::Zh => zh(at).unwrap_or_else(|| at.to_string()),
    }
}

/// A place as a report stores it, in Chinese.
pub(crate) fn place_zh(at: &str) -> String {
    place_in(Lang::Zh, at)
}

/// The place in Chinese, `None` when its shape is not one the readers write.
fn zh(at: &str) -> Option<String> {
    // `{at} in <{element}>`: a place in a web page's element.
    if let Some((inner, element)) = at.strip_suffix('>').and_then(|s| s.rsplit_once(" in <")) {
        return Some(format!("{}（<{element}> 内）", zh(inner)?));
    }
    let words: Vec<&str> = at.split(' ').collect();
    let number = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(());
    match words.as_slice() {
        ["line", n] => number(n).map(|()| format!("第{n}行")),
        ["paragraph", n] => number(n).map(|()| format!("第{n}段")),
        ["table", t, "row", r, "cell", c] => {
            number(t)?;
            number(r)?;
            number(c).map(|()| format!("表{t} 第{r}行 第{c}格"))
        }
        ["page", p] => number(p).map(|()| format!("第{p}页")),
        ["page", p, "(x", x, "y", y] => {
            number(p)?;
            let x = x.strip_suffix(',')?;
            let y = y.strip_suffix(')')?;
            Some(format!("第{p}页（x {x}，y {y}）"))
        }
        _ => {
            let sheet = at.strip_prefix("sheet ")?;
            Some(format!("工作表 {sheet}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai::ir::{Element, Origin};
    use std::sync::Arc;

    /// The places `Origin` writes, read back: the grammar cannot drift
    /// without this test noticing.
    #[test]
    fn every_origin_reads_in_chinese() {
        let element = Arc::new(Element {
            id: 3,
            label: "div#main.article".into(),
            depth: 1,
            parent: None,
        });
        let cases = [
            (Origin::Line(107), "第107行"),
            (Origin::Paragraph(5), "第5段"),
            (
                Origin::TableCell {
                    table: 2,
                    row: 4,
                    cell: 1,
                },
                "表2 第4行 第1格",
            ),
            (
                Origin::Page {
                    page: 3,
                    x: 90.4,
                    y: 412.0,
                },
                "第3页（x 90，y 412）",
            ),
            (
                Origin::Sheet {
                    sheet: "表三".into(),
                    cell: "D7".into(),
                },
                "工作表 表三!D7",
            ),
            (
                Origin::TableCell {
                    table: 1,
                    row: 3,
                    cell: 3,
                }
                .in_element(Some(element)),
                "表1 第3行 第3格（<div#main.article> 内）",
            ),
        ];
        for (origin, zh) in cases {
            let at = origin.to_string();
            assert_eq!(place_in(Lang::Zh, &at), zh, "{at}");
            assert_eq!(place_in(Lang::En, &at), at);
        }
        assert_eq!(place_in(Lang::Zh, "page 12"), "第12页");
        assert_eq!(place_in(Lang::Zh, "sheet 表四"), "工作表 表四");
    }

    #[test]
    fn an_unknown_shape_is_shown_as_stored() {
        for at in [
            "word/document.xml",
            "table x row 4 cell 1",
            "page 3 (x 90 y 4)",
            "line",
            "form 3 0 R on page 2 in <p>",
        ] {
            assert_eq!(place_in(Lang::Zh, at), at);
        }
    }
}
