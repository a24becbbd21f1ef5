//! Text folding for label matching: full-width to half-width, no white space,
//! one form of brackets, quotes and list punctuation.

/// Fold one character; `None` drops it (white space, zero-width marks).
fn fold_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{00ad}' => None,
        '〔' | '【' | '［' => Some('('),
        '〕' | '】' | '］' => Some(')'),
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' => Some('"'),
        '‘' | '’' => Some('\''),
        // Full-width ASCII block (（）：，１ …) → ASCII.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        _ => Some(c),
    }
}

/// Fold text for comparison: see the module doc.
pub fn fold(text: &str) -> String {
    // Folding never lengthens the text: one allocation, no regrowth.
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().filter_map(fold_char));
    out
}

/// True for the Chinese numerals used in numbering.
fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零'
    )
}

/// Remove leading list numbering from folded text: `一、`, `(一)`, `1.`,
/// `1、`, `(1)`, `1)`, repeatedly (`三、(一)`). Returns the rest.
pub fn strip_numbering(folded: &str) -> &str {
    let mut rest = folded;
    loop {
        let before = rest.len();
        rest = strip_one(rest);
        if rest.len() == before {
            return rest;
        }
    }
}

fn strip_one(s: &str) -> &str {
    let mut chars = s.char_indices().peekable();
    // (一) or (1)
    if s.starts_with('(') {
        let inner_end = s.find(')');
        if let Some(end) = inner_end {
            let inner = s.get(1..end).unwrap_or_default();
            if !inner.is_empty()
                && inner.chars().count() <= 3
                && inner
                    .chars()
                    .all(|c| is_cn_numeral(c) || c.is_ascii_digit())
            {
                return s.get(end + 1..).unwrap_or_default();
            }
        }
        return s;
    }
    // 一、 / 1. / 1、 / 1) / 1,
    let mut end = 0;
    let mut count = 0;
    while let Some((i, c)) = chars.peek().copied() {
        if is_cn_numeral(c) || c.is_ascii_digit() {
            end = i + c.len_utf8();
            count += 1;
            chars.next();
        } else {
            break;
        }
    }
    if count == 0 || count > 3 {
        return s;
    }
    let rest = s.get(end..).unwrap_or_default();
    let mut it = rest.chars();
    match it.next() {
        Some('、') | Some('.') | Some(')') | Some(',') | Some('．') => {
            let sep = rest.chars().next().map(char::len_utf8).unwrap_or(0);
            let after = rest.get(sep..).unwrap_or_default();
            // "1.5" is a number, not numbering.
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                s
            } else {
                after
            }
        }
        _ => s,
    }
}

/// The fold and numbering strip together: the core of a label.
pub fn label_core(text: &str) -> String {
    let mut folded = fold(text);
    let stripped = strip_numbering(&folded).trim_end_matches(['.', '。', ',']);
    // Cut in place: `stripped` is a sub-slice of `folded`.
    let start = folded.len() - strip_numbering(&folded).len();
    let end = start + stripped.len();
    folded.truncate(end);
    folded.drain(..start);
    folded
}

/// Longest label compared; longer text is not a label worth comparing.
const MAX_LABEL_CHARS: usize = 80;

/// Length of the longest common subsequence of two short char slices, on
/// stack buffers (this runs for every unmatched label against every alias).
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = [0u8; MAX_LABEL_CHARS + 1];
    let mut cur = [0u8; MAX_LABEL_CHARS + 1];
    let n = b.len().min(MAX_LABEL_CHARS);
    for ca in a.iter().take(MAX_LABEL_CHARS) {
        for (j, cb) in b.iter().take(n).enumerate() {
            let up = prev.get(j + 1).copied().unwrap_or(0);
            let left = cur.get(j).copied().unwrap_or(0);
            let diag = prev.get(j).copied().unwrap_or(0);
            let v = if ca == cb { diag + 1 } else { up.max(left) };
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = v;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev.get(n).copied().unwrap_or(0))
}

/// Similarity of two label cores in 0..=1 (Dice over the longest common
/// subsequence): tolerates characters lost in a PDF text layer.
#[cfg(test)]
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    similarity_chars(&a, &b, 0.0)
}

/// Similarity of char slices; `0.0` early when it cannot reach `floor`.
pub fn similarity_chars(a: &[char], b: &[char], floor: f64) -> f64 {
    if a.is_empty() || b.is_empty() || a.len() > MAX_LABEL_CHARS || b.len() > MAX_LABEL_CHARS {
        return 0.0;
    }
    let total = (a.len() + b.len()) as f64;
    // The best possible score has the shorter string entirely in common.
    if 2.0 * a.len().min(b.len()) as f64 / total < floor {
        return 0.0;
    }
    2.0 * lcs(a, b) as f64 / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_space_and_brackets() {
        assert_eq!(fold("（一） 予以 公开"), "(一)予以公开");
        assert_eq!(fold("１．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(fold("结果\n维持"), "结果维持");
        assert_eq!(fold("危及“三安全一稳定”"), "危及\"三安全一稳定\"");
    }

    #[test]
    fn strips_numbering_variants() {
        for s in [
            "1.属于国家秘密",
            "1、属于国家秘密",
            "1. 属于国家秘密",
            "１．属于国家秘密",
            "(1)属于国家秘密",
        ] {
            assert_eq!(label_core(s), "属于国家秘密", "{s}");
        }
        assert_eq!(label_core("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(label_core("（七）总计"), "总计");
        assert_eq!(label_core("1.5"), "1.5");
        assert_eq!(
            label_core(
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请。"
            ),
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        );
    }

    #[test]
    fn similarity_tolerates_lost_characters() {
        assert!(similarity("其他法律行政止公开", "其他法律行政法规禁止公开") > 0.8);
        assert!(similarity("属于国家秘密", "重复申请") < 0.3);
    }
}
