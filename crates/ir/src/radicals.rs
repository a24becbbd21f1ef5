//! CJK radicals written where ideographs are meant: many PDF producers
//! (Chromium's "Save as PDF", Word) map glyphs such as 一, 行, 文, 人, 无 to
//! the Kangxi Radicals (U+2F00–U+2FD5) or the CJK Radicals Supplement
//! (U+2E80–U+2EF3) instead of the unified ideographs, and then `⾏政规范性⽂件`
//! matches no label. Every reader's text is mapped back once, by the
//! pipeline, before the normalizer sees it.
//!
//! The tables: the Kangxi block is its NFKC mapping; the supplement, which
//! NFKC leaves alone, is Unicode's EquivalentUnifiedIdeograph.txt (14.0.0,
//! U+2E81–U+2EF3; U+2E80 and the unassigned U+2E9A have none). Generated
//! once with Python's `unicodedata` (Unicode 14.0.0) and that file.

use std::borrow::Cow;

use crate::{Block, Diagnostic, Document, Severity, Table};

/// First code point of [`SUPPLEMENT`].
const SUPPLEMENT_START: u32 = 0x2E80;
/// The ideograph each CJK Radicals Supplement character stands for, from
/// U+2E80; `\0` where there is none.
const SUPPLEMENT: [char; 116] = [
    '\0',
    '\u{5382}',
    '\u{4E5B}',
    '\u{4E5A}',
    '\u{4E59}',
    '\u{4EBB}',
    '\u{5182}',
    '\u{20628}',
    '\u{5200}',
    '\u{5202}',
    '\u{535C}',
    '\u{353E}',
    '\u{5C0F}',
    '\u{5C0F}',
    '\u{5140}',
    '\u{5C23}',
    '\u{5C22}',
    '\u{21BC2}',
    '\u{5DF3}',
    '\u{5E7A}',
    '\u{5F51}',
    '\u{5F50}',
    '\u{5FC4}',
    '\u{5FC3}',
    '\u{624C}',
    '\u{6535}',
    '\0',
    '\u{65E1}',
    '\u{65E5}',
    '\u{6708}',
    '\u{6B7A}',
    '\u{6BCD}',
    '\u{6C11}',
    '\u{6C35}',
    '\u{6C3A}',
    '\u{706C}',
    '\u{722B}',
    '\u{722B}',
    '\u{4E2C}',
    '\u{725B}',
    '\u{72AD}',
    '\u{738B}',
    '\u{24D14}',
    '\u{76EE}',
    '\u{793A}',
    '\u{793B}',
    '\u{25AD7}',
    '\u{7CF9}',
    '\u{7E9F}',
    '\u{7F53}',
    '\u{7F52}',
    '\u{34C1}',
    '\u{5197}',
    '\u{2626B}',
    '\u{7F8A}',
    '\u{2634C}',
    '\u{2634B}',
    '\u{8002}',
    '\u{8080}',
    '\u{807F}',
    '\u{8089}',
    '\u{26951}',
    '\u{8279}',
    '\u{8279}',
    '\u{8279}',
    '\u{864E}',
    '\u{8864}',
    '\u{8980}',
    '\u{897F}',
    '\u{89C1}',
    '\u{89D2}',
    '\u{278B2}',
    '\u{8BA0}',
    '\u{8D1D}',
    '\u{27FB7}',
    '\u{8F66}',
    '\u{8FB6}',
    '\u{8FB6}',
    '\u{8FB6}',
    '\u{9091}',
    '\u{9485}',
    '\u{9577}',
    '\u{9578}',
    '\u{957F}',
    '\u{95E8}',
    '\u{28E0F}',
    '\u{961D}',
    '\u{96E8}',
    '\u{9752}',
    '\u{97E6}',
    '\u{9875}',
    '\u{98CE}',
    '\u{98DE}',
    '\u{98DF}',
    '\u{2967F}',
    '\u{98E0}',
    '\u{9963}',
    '\u{29810}',
    '\u{9A6C}',
    '\u{9AA8}',
    '\u{9B3C}',
    '\u{9C7C}',
    '\u{9E1F}',
    '\u{5364}',
    '\u{9EA6}',
    '\u{9EC4}',
    '\u{9EFE}',
    '\u{6589}',
    '\u{9F50}',
    '\u{6B6F}',
    '\u{9F7F}',
    '\u{7ADC}',
    '\u{9F99}',
    '\u{9F9C}',
    '\u{4E80}',
    '\u{9F9F}',
];

/// First code point of [`KANGXI`].
const KANGXI_START: u32 = 0x2F00;
/// The ideograph each Kangxi radical stands for, from U+2F00.
const KANGXI: [char; 214] = [
    '\u{4E00}', '\u{4E28}', '\u{4E36}', '\u{4E3F}', '\u{4E59}', '\u{4E85}', '\u{4E8C}', '\u{4EA0}',
    '\u{4EBA}', '\u{513F}', '\u{5165}', '\u{516B}', '\u{5182}', '\u{5196}', '\u{51AB}', '\u{51E0}',
    '\u{51F5}', '\u{5200}', '\u{529B}', '\u{52F9}', '\u{5315}', '\u{531A}', '\u{5338}', '\u{5341}',
    '\u{535C}', '\u{5369}', '\u{5382}', '\u{53B6}', '\u{53C8}', '\u{53E3}', '\u{56D7}', '\u{571F}',
    '\u{58EB}', '\u{5902}', '\u{590A}', '\u{5915}', '\u{5927}', '\u{5973}', '\u{5B50}', '\u{5B80}',
    '\u{5BF8}', '\u{5C0F}', '\u{5C22}', '\u{5C38}', '\u{5C6E}', '\u{5C71}', '\u{5DDB}', '\u{5DE5}',
    '\u{5DF1}', '\u{5DFE}', '\u{5E72}', '\u{5E7A}', '\u{5E7F}', '\u{5EF4}', '\u{5EFE}', '\u{5F0B}',
    '\u{5F13}', '\u{5F50}', '\u{5F61}', '\u{5F73}', '\u{5FC3}', '\u{6208}', '\u{6236}', '\u{624B}',
    '\u{652F}', '\u{6534}', '\u{6587}', '\u{6597}', '\u{65A4}', '\u{65B9}', '\u{65E0}', '\u{65E5}',
    '\u{66F0}', '\u{6708}', '\u{6728}', '\u{6B20}', '\u{6B62}', '\u{6B79}', '\u{6BB3}', '\u{6BCB}',
    '\u{6BD4}', '\u{6BDB}', '\u{6C0F}', '\u{6C14}', '\u{6C34}', '\u{706B}', '\u{722A}', '\u{7236}',
    '\u{723B}', '\u{723F}', '\u{7247}', '\u{7259}', '\u{725B}', '\u{72AC}', '\u{7384}', '\u{7389}',
    '\u{74DC}', '\u{74E6}', '\u{7518}', '\u{751F}', '\u{7528}', '\u{7530}', '\u{758B}', '\u{7592}',
    '\u{7676}', '\u{767D}', '\u{76AE}', '\u{76BF}', '\u{76EE}', '\u{77DB}', '\u{77E2}', '\u{77F3}',
    '\u{793A}', '\u{79B8}', '\u{79BE}', '\u{7A74}', '\u{7ACB}', '\u{7AF9}', '\u{7C73}', '\u{7CF8}',
    '\u{7F36}', '\u{7F51}', '\u{7F8A}', '\u{7FBD}', '\u{8001}', '\u{800C}', '\u{8012}', '\u{8033}',
    '\u{807F}', '\u{8089}', '\u{81E3}', '\u{81EA}', '\u{81F3}', '\u{81FC}', '\u{820C}', '\u{821B}',
    '\u{821F}', '\u{826E}', '\u{8272}', '\u{8278}', '\u{864D}', '\u{866B}', '\u{8840}', '\u{884C}',
    '\u{8863}', '\u{897E}', '\u{898B}', '\u{89D2}', '\u{8A00}', '\u{8C37}', '\u{8C46}', '\u{8C55}',
    '\u{8C78}', '\u{8C9D}', '\u{8D64}', '\u{8D70}', '\u{8DB3}', '\u{8EAB}', '\u{8ECA}', '\u{8F9B}',
    '\u{8FB0}', '\u{8FB5}', '\u{9091}', '\u{9149}', '\u{91C6}', '\u{91CC}', '\u{91D1}', '\u{9577}',
    '\u{9580}', '\u{961C}', '\u{96B6}', '\u{96B9}', '\u{96E8}', '\u{9751}', '\u{975E}', '\u{9762}',
    '\u{9769}', '\u{97CB}', '\u{97ED}', '\u{97F3}', '\u{9801}', '\u{98A8}', '\u{98DB}', '\u{98DF}',
    '\u{9996}', '\u{9999}', '\u{99AC}', '\u{9AA8}', '\u{9AD8}', '\u{9ADF}', '\u{9B25}', '\u{9B2F}',
    '\u{9B32}', '\u{9B3C}', '\u{9B5A}', '\u{9CE5}', '\u{9E75}', '\u{9E7F}', '\u{9EA5}', '\u{9EBB}',
    '\u{9EC3}', '\u{9ECD}', '\u{9ED1}', '\u{9EF9}', '\u{9EFD}', '\u{9F0E}', '\u{9F13}', '\u{9F20}',
    '\u{9F3B}', '\u{9F4A}', '\u{9F52}', '\u{9F8D}', '\u{9F9C}', '\u{9FA0}',
];

/// The ideograph a radical stands for; `None` for any other character.
pub fn ideograph_of(c: char) -> Option<char> {
    let cp = u32::from(c);
    let (table, start): (&[char], u32) = match cp {
        0x2E80..=0x2EF3 => (&SUPPLEMENT, SUPPLEMENT_START),
        0x2F00..=0x2FD5 => (&KANGXI, KANGXI_START),
        _ => return None,
    };
    let i = usize::try_from(cp - start).ok()?;
    table.get(i).copied().filter(|&m| m != '\0')
}

/// `text` with every radical that stands for an ideograph replaced by it,
/// and how many were; borrowed (no copy) when there are none.
pub fn unify_radicals(text: &str) -> (Cow<'_, str>, usize) {
    // Skip the copy for the usual text without one.
    if !text.chars().any(|c| ideograph_of(c).is_some()) {
        return (Cow::Borrowed(text), 0);
    }
    let mut n = 0;
    let mapped = text
        .chars()
        .map(|c| match ideograph_of(c) {
            Some(m) => {
                n += 1;
                m
            }
            None => c,
        })
        .collect();
    (Cow::Owned(mapped), n)
}

fn unify_in_place(text: &mut String) -> usize {
    match unify_radicals(text) {
        (Cow::Owned(mapped), n) => {
            *text = mapped;
            n
        }
        (Cow::Borrowed(_), _) => 0,
    }
}

fn unify_table(table: &mut Table) -> usize {
    let mut n = 0;
    for row in &mut table.rows {
        for cell in &mut row.cells {
            n += unify_in_place(&mut cell.text);
            n += cell.tables.iter_mut().map(unify_table).sum::<usize>();
        }
    }
    n
}

fn unify_blocks(blocks: &mut [Block]) -> usize {
    blocks
        .iter_mut()
        .map(|block| match block {
            Block::Paragraph(p) => unify_in_place(&mut p.text),
            Block::Table(t) => unify_table(t),
        })
        .sum()
}

impl Document {
    /// Replace the radicals in every paragraph and cell by the ideographs
    /// they stand for, with one diagnostic saying how many.
    pub fn unify_radicals(&mut self) {
        let n = unify_blocks(&mut self.blocks);
        if n > 0 {
            self.diagnostics.push(Diagnostic::new(
                Severity::Info,
                "text.radicals",
                format!(
                    "{n} CJK radical character(s) (as some PDF producers write 一, 行, 文) read as the ideographs they stand for"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kangxi_radical_maps_to_its_nfkc_ideograph() {
        for cp in 0x2F00..=0x2FD5u32 {
            let c = char::from_u32(cp).unwrap();
            let m = ideograph_of(c).unwrap_or_else(|| panic!("U+{cp:04X} unmapped"));
            // Every one is a unified ideograph (BMP block or Extension A).
            assert!(matches!(u32::from(m), 0x4E00..=0x9FFF), "U+{cp:04X} -> {m}");
        }
    }

    #[test]
    fn every_assigned_supplement_radical_maps_to_an_ideograph() {
        let mut mapped = 0;
        for cp in 0x2E80..=0x2EF3u32 {
            let c = char::from_u32(cp).unwrap();
            match ideograph_of(c) {
                Some(m) => {
                    mapped += 1;
                    // URO, Extension A or Extension B.
                    assert!(
                        matches!(u32::from(m), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2A6DF),
                        "U+{cp:04X} -> {m}"
                    );
                }
                None => assert!(matches!(cp, 0x2E80 | 0x2E9A), "U+{cp:04X} unmapped"),
            }
        }
        assert_eq!(mapped, 114);
    }

    #[test]
    fn the_labels_of_browser_printed_pdfs_read_right() {
        let (text, n) = unify_radicals("⾏政规范性⽂件（⼀）予以公开 ⼈ ⽆ ⻓");
        assert_eq!(text, "行政规范性文件（一）予以公开 人 无 长");
        assert_eq!(n, 6);
        let (same, n) = unify_radicals("行政许可 123");
        assert!(matches!(same, Cow::Borrowed(_)));
        assert_eq!(n, 0);
        // Neighbours of the blocks stay.
        for c in [
            '\u{2E7F}', '\u{2E80}', '\u{2E9A}', '\u{2EF4}', '\u{2FD6}', '\u{2FF0}',
        ] {
            assert_eq!(ideograph_of(c), None, "{c:?}");
        }
    }
}
