//! The `text.*` checks: numbers the prose states (总体情况 and the other
//! sections) against the table cells that hold them. A sentence that may mean
//! something else is `uncertain`, never `fail`: a false alarm on a correct
//! report is worse than a miss. The wordings are in `phrases.rs`.

use crate::checks::show;
use crate::phrases::{
    Phrase, Scope, Stated, AMBIGUOUS, CLAUSE_ENDS, DATE_UNITS, PHRASES, QUOTE_CHARS, SENTENCE_ENDS,
};
use crate::{
    Applicant, ApplicationRow, Check, CheckStatus, Layout, LitigationBlock, Num, Outcome, Report,
    ReportPath, Value, SECTION_HEADINGS,
};

/// A number in a clause: its value (`None` when it is not a whole count),
/// its byte span, and what follows it.
struct Number<'a> {
    value: Option<f64>,
    start: usize,
    after: &'a str,
}

/// The numbers of a clause written in digits (ASCII or full-width, with
/// thousands commas).
fn numbers(clause: &str) -> Vec<Number<'_>> {
    let mut out = Vec::new();
    let mut chars = clause.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if digit(c).is_none() {
            continue;
        }
        let mut value: f64 = f64::from(digit(c).unwrap_or(0));
        let mut end = start + c.len_utf8();
        let mut whole = true;
        while let Some(&(i, next)) = chars.peek() {
            if let Some(d) = digit(next) {
                value = value * 10.0 + f64::from(d);
            } else if next == ',' || next == '.' || next == '．' {
                // A thousands comma or a decimal point only between digits.
                let rest = clause.get(i + next.len_utf8()..).unwrap_or("");
                if rest.chars().next().is_none_or(|n| digit(n).is_none()) {
                    break;
                }
                if next != ',' {
                    whole = false;
                }
            } else {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        out.push(Number {
            value: whole.then_some(value),
            start,
            after: clause.get(end..).unwrap_or("").trim_start(),
        });
    }
    out
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The sentences of a section, each split into clauses.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(SENTENCE_ENDS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Split at commas, except an ASCII comma between digits (1,234).
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut prev: Option<char> = None;
    let mut iter = sentence.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|(_, n)| *n);
        let between_digits = c == ','
            && prev.is_some_and(|p| digit(p).is_some())
            && next.is_some_and(|n| digit(n).is_some());
        if CLAUSE_ENDS.contains(&c) && !between_digits {
            out.push(sentence.get(from..i).unwrap_or(""));
            from = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push(sentence.get(from..).unwrap_or(""));
    out
}

/// Where a phrase's verb first occurs in the clause, if the phrase applies.
fn verb_at(phrase: &Phrase, clause: &str, sentence: &Sentence) -> Option<usize> {
    if !phrase.nouns.is_empty() && !phrase.nouns.iter().any(|n| clause.contains(n)) {
        return None;
    }
    if !phrase.context.is_empty() && !sentence.in_context(phrase) {
        return None;
    }
    if phrase.not_about.iter().any(|w| clause.contains(w)) {
        return None;
    }
    phrase.verbs.iter().filter_map(|v| clause.find(v)).min()
}

/// The text with every phrase's verbs blanked out, so that 上年结转 does not
/// read as 上年.
fn mask(text: &str, phrases: &[Phrase]) -> String {
    let mut out = text.to_string();
    for verb in phrases.iter().flat_map(|p| p.verbs) {
        if out.contains(verb) {
            out = out.replace(verb, "　");
        }
    }
    out
}

/// A sentence and what is read of it once, however many clauses it has
/// (a long sentence is not searched again for each clause).
struct Sentence<'a> {
    text: &'a str,
    /// Per phrase: whether the sentence holds one of its context words.
    context: std::cell::OnceCell<Vec<bool>>,
    /// The first sentence-wide ambiguous word's reason, verbs masked.
    ambiguous: std::cell::OnceCell<Option<&'static str>>,
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str) -> Self {
        Sentence {
            text,
            context: std::cell::OnceCell::new(),
            ambiguous: std::cell::OnceCell::new(),
        }
    }

    fn in_context(&self, phrase: &Phrase) -> bool {
        let flags = self.context.get_or_init(|| {
            PHRASES
                .iter()
                .map(|p| p.context.iter().any(|w| self.text.contains(w)))
                .collect()
        });
        let at = PHRASES.iter().position(|p| p.id == phrase.id);
        at.and_then(|i| flags.get(i).copied())
            .unwrap_or_else(|| phrase.context.iter().any(|w| self.text.contains(w)))
    }

    fn ambiguous(&self) -> Option<&'static str> {
        *self.ambiguous.get_or_init(|| {
            let masked = mask(self.text, PHRASES);
            AMBIGUOUS
                .iter()
                .find(|(w, scope, _)| *scope == Scope::Sentence && masked.contains(w))
                .map(|(_, _, why)| *why)
        })
    }
}

/// What a clause says for one phrase.
struct Statement<'a> {
    phrase: &'a Phrase,
    value: Option<f64>,
    /// Why the statement cannot be compared, if it cannot.
    ambiguous: Option<&'static str>,
}

/// The statements of one clause.
fn statements<'p>(
    clause: &str,
    sentence: &Sentence,
    year: Option<i32>,
    phrases: &'p [Phrase],
) -> Vec<Statement<'p>> {
    let nums = numbers(clause);
    let mut found: Vec<Statement> = Vec::new();
    for phrase in phrases {
        let Some(at) = verb_at(phrase, clause, sentence) else {
            continue;
        };
        let counts: Vec<&Number> = nums
            .iter()
            .filter(|n| n.start > at && phrase.units.iter().any(|u| n.after.starts_with(u)))
            .collect();
        let Some(first) = counts.first() else {
            continue;
        };
        let mut ambiguous = None;
        if counts.len() > 1 {
            ambiguous = Some("several counts in one clause");
        }
        // Any other number but a date or this year's year: a range, a
        // second figure, another year.
        let other = nums.iter().any(|n| {
            if n.start == first.start || DATE_UNITS.iter().any(|u| n.after.starts_with(u)) {
                return false;
            }
            let is_this_year =
                n.after.starts_with('年') && year.is_some_and(|y| n.value == Some(f64::from(y)));
            !is_this_year
        });
        if other && ambiguous.is_none() {
            ambiguous = Some("another number in the clause");
        }
        if ambiguous.is_none() {
            let clause = mask(clause, phrases);
            ambiguous = AMBIGUOUS
                .iter()
                .find(|(w, scope, _)| *scope == Scope::Clause && clause.contains(w))
                .map(|(_, _, why)| *why)
                .or_else(|| sentence.ambiguous());
        }
        if first.value.is_none() && ambiguous.is_none() {
            ambiguous = Some("not a whole count");
        }
        found.push(Statement {
            phrase,
            value: first.value,
            ambiguous,
        });
    }
    if found.len() > 1 {
        for s in &mut found {
            s.ambiguous = Some("the clause states several things");
        }
    }
    found
}

/// The cells a statement is compared with, their sum, and a label.
fn cells(report: &Report, stated: Stated) -> Option<(Vec<ReportPath>, Value, String)> {
    match stated {
        Stated::Applications(row) => {
            let t3 = report.applications.as_ref()?;
            let label = format!("表三 {} {}", row.full_label(), Applicant::Total.label());
            let path = ReportPath::application_value(row, Applicant::Total);
            Some((vec![path], t3.get(row, Applicant::Total), label))
        }
        Stated::Review => {
            let t4 = report.review_litigation.as_ref()?;
            let block = LitigationBlock::Review;
            let label = format!("表四 {} {}", block.label(), Outcome::Total.label());
            let path = ReportPath::litigation_value(block, Outcome::Total);
            Some((vec![path], t4.get(block, Outcome::Total), label))
        }
        Stated::Litigation => {
            let t4 = report.review_litigation.as_ref()?;
            let blocks = [
                LitigationBlock::LitigationDirect,
                LitigationBlock::LitigationPostReview,
            ];
            let paths = blocks
                .iter()
                .map(|b| ReportPath::litigation_value(*b, Outcome::Total))
                .collect();
            let sum = blocks
                .iter()
                .try_fold(0.0, |acc, b| t4.get(*b, Outcome::Total).map(|n| acc + n.0))
                .map(Num);
            let label = "表四 行政诉讼 未经复议直接起诉 总计 + 复议后起诉 总计".to_string();
            Some((paths, sum, label))
        }
        Stated::Disclosure(row, field) => {
            let t2 = report.active_disclosure.as_ref()?;
            if t2.layout != Layout::V2021 {
                return None;
            }
            let label = format!("表二 {} {}", row.label_in(t2.layout), field.label());
            let path = ReportPath::disclosure_value(row, field);
            Some((vec![path], t2.get(row, field), label))
        }
    }
}

/// Another figure the prose may mean by the same words: 收到 may count the
/// carried-over applications too.
fn alternative(report: &Report, stated: Stated) -> Value {
    let t3 = report.applications.as_ref()?;
    let get = |row| t3.get(row, Applicant::Total);
    match stated {
        Stated::Applications(ApplicationRow::NewReceived) => {
            Some(Num(
                get(ApplicationRow::NewReceived)?.0 + get(ApplicationRow::CarriedOver)?.0
            ))
        }
        Stated::Applications(ApplicationRow::TotalProcessed) => {
            Some(Num(
                get(ApplicationRow::TotalProcessed)?.0 + get(ApplicationRow::CarriedForward)?.0
            ))
        }
        _ => None,
    }
}

fn quote(sentence: &str) -> String {
    let mut q: String = sentence.chars().take(QUOTE_CHARS).collect();
    if sentence.chars().nth(QUOTE_CHARS).is_some() {
        q.push('…');
    }
    q
}

/// Run the `text.*` checks on the report's sections.
pub(crate) fn check_text(report: &Report, checks: &mut Vec<Check>) {
    let sections = [
        (
            &report.sections.overview,
            ReportPath::SECTION_OVERVIEW,
            SECTION_HEADINGS[0],
        ),
        (
            &report.sections.problems,
            ReportPath::SECTION_PROBLEMS,
            SECTION_HEADINGS[4],
        ),
        (
            &report.sections.other,
            ReportPath::SECTION_OTHER,
            SECTION_HEADINGS[5],
        ),
    ];
    for (text, section, heading) in sections {
        let Some(text) = text else { continue };
        for text in sentences(text) {
            let sentence = Sentence::new(text);
            // A clause without a digit states no number: most are skipped here.
            for clause in clauses(text)
                .into_iter()
                .filter(|c| c.chars().any(|c| digit(c).is_some()))
            {
                for s in statements(clause, &sentence, report.year, PHRASES) {
                    if let Some(check) = compare(report, &s, text, &section, heading) {
                        checks.push(check);
                    }
                }
            }
        }
    }
}

fn compare(
    report: &Report,
    s: &Statement,
    sentence: &str,
    section: &ReportPath,
    heading: &str,
) -> Option<Check> {
    let (mut operands, expected, label) = cells(report, s.phrase.stated)?;
    let actual = s.value.map(Num);
    let mut why = s.ambiguous;
    let status = match (expected, actual) {
        _ if why.is_some() => CheckStatus::Uncertain,
        (Some(e), Some(a)) if e.same_as(a) => CheckStatus::Pass,
        (Some(_), Some(a))
            if alternative(report, s.phrase.stated).is_some_and(|x| x.same_as(a)) =>
        {
            why = Some("the figure may count the carried-over applications too");
            CheckStatus::Uncertain
        }
        (Some(_), Some(_)) => CheckStatus::Fail,
        _ => {
            why = Some("a cell is blank");
            CheckStatus::Uncertain
        }
    };
    let mut message = String::with_capacity(sentence.len() + label.len() + 64);
    // The heading without its number: 一、总体情况 → 总体情况.
    let name = heading.split_once('、').map_or(heading, |(_, name)| name);
    message.push_str(name);
    message.push_str(" “");
    message.push_str(&quote(sentence));
    message.push_str("”: ");
    show(&mut message, actual);
    message.push_str(", ");
    message.push_str(&label);
    message.push(' ');
    show(&mut message, expected);
    if let Some(why) = why {
        message.push_str(" (");
        message.push_str(why);
        message.push(')');
    }
    let subject = match operands.as_slice() {
        [one] => one.clone(),
        _ => ReportPath::REVIEW_LITIGATION,
    };
    operands.push(section.clone());
    Some(Check {
        id: s.phrase.id.to_string(),
        status,
        subject,
        expected,
        actual,
        message,
        operands,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Applications, ReviewLitigation, Source};

    fn report(overview: &str) -> Report {
        let mut r = Report::empty(Source::default());
        r.year = Some(2023);
        let mut t3 = Applications::blank(Layout::V2021);
        for (row, v) in [
            (ApplicationRow::NewReceived, 36.0),
            (ApplicationRow::CarriedOver, 2.0),
            (ApplicationRow::TotalProcessed, 36.0),
            (ApplicationRow::CarriedForward, 2.0),
        ] {
            if let Some(cols) = t3.rows.get_mut(&row) {
                cols.insert(Applicant::Total, Some(Num(v)));
            }
        }
        r.applications = Some(t3);
        let mut t4 = ReviewLitigation::blank();
        for (block, v) in [
            (LitigationBlock::Review, 2.0),
            (LitigationBlock::LitigationDirect, 1.0),
            (LitigationBlock::LitigationPostReview, 0.0),
        ] {
            if let Some(b) = t4.blocks.get_mut(&block) {
                b.insert(Outcome::Total, Some(Num(v)));
            }
        }
        r.review_litigation = Some(t4);
        r.sections.overview = Some(overview.to_string());
        r
    }

    fn results(overview: &str) -> Vec<(String, CheckStatus)> {
        let mut checks = Vec::new();
        check_text(&report(overview), &mut checks);
        checks.into_iter().map(|c| (c.id, c.status)).collect()
    }

    fn one(id: &str, status: CheckStatus) -> Vec<(String, CheckStatus)> {
        vec![(id.to_string(), status)]
    }

    use CheckStatus::{Fail, Pass, Uncertain};

    #[test]
    fn agreeing_and_disagreeing_statements() {
        assert_eq!(
            results("全年共收到政府信息公开申请36件。"),
            one("text.new_received", Pass)
        );
        assert_eq!(
            results("全年共收到政府信息公开申请35件。"),
            one("text.new_received", Fail)
        );
        assert_eq!(
            results("本年度收到申请36件，办结36件，结转下年度继续办理2件。"),
            vec![
                ("text.new_received".into(), Pass),
                ("text.total_processed".into(), Pass),
                ("text.carried_forward".into(), Pass)
            ]
        );
        assert_eq!(
            results("因政府信息公开被申请行政复议3件。"),
            one("text.review", Fail)
        );
        assert_eq!(
            results("因政府信息公开被提起行政诉讼1件。"),
            one("text.litigation", Pass)
        );
    }

    #[test]
    fn near_misses_stay_uncertain() {
        for text in [
            "全年共收到政府信息公开申请40件，其中自然人申请35件。",
            "收到政府信息公开申请40件，同比增长10%。",
            "上年收到政府信息公开申请40件。",
            "2022年收到政府信息公开申请40件。",
            "收到政府信息公开申请约40件。",
            "收到政府信息公开申请30至40件。",
        ] {
            let got = results(text);
            assert!(!got.is_empty(), "{text}: no check");
            assert!(got.iter().all(|(_, s)| *s == Uncertain), "{text}: {got:?}");
        }
        // New plus carried over: may be what 收到 counts.
        assert_eq!(
            results("共收到政府信息公开申请38件。"),
            one("text.new_received", Uncertain)
        );
    }

    #[test]
    fn other_business_and_dates_are_not_applications() {
        assert!(results("全年办结人大代表建议12件，收到群众来信5件。").is_empty());
        assert_eq!(
            results("截至12月31日，共收到政府信息公开申请36件。"),
            one("text.new_received", Pass)
        );
        assert_eq!(
            results("2023年共收到政府信息公开申请1,036件。"),
            one("text.new_received", Fail)
        );
    }

    #[test]
    fn numbers_read_full_width_and_commas() {
        let n = numbers("收到申请１,２34件");
        assert_eq!(n.len(), 1);
        assert_eq!(n.first().and_then(|n| n.value), Some(1234.0));
        assert_eq!(clauses("a,b，1,234件").len(), 3);
    }
}
