use std::path::{Path, PathBuf};

use lopdf::{Document, Object};

use super::member;
use crate::font_arrays::blank;
use crate::object_streams::header;
use crate::objects::{parse_member, stream_data};

/// The PDF files under `fixtures/` (scans left out: their streams are
/// images).
pub(crate) fn fixture_pdfs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut todo = vec![root];
    let mut out = Vec::new();
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "ocr") {
                    todo.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "pdf") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every object-stream member of the fixtures, as written.
fn fixture_members() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for path in fixture_pdfs() {
        let Ok(doc) = Document::load(&path) else {
            continue;
        };
        for object in doc.objects.values() {
            let Object::Stream(stream) = object else {
                continue;
            };
            if !stream.dict.has_type(b"ObjStm") {
                continue;
            }
            let Ok(Object::Integer(first)) = stream.dict.get(b"First") else {
                continue;
            };
            let Ok(content) = stream_data(stream, 32 << 20) else {
                continue;
            };
            let Some(members) = header(&content, usize::try_from(*first).unwrap_or(0)) else {
                continue;
            };
            let mut starts: Vec<usize> = members.iter().map(|&(_, s)| s).collect();
            starts.sort_unstable();
            for (_, start) in members {
                let end = starts
                    .iter()
                    .find(|&&s| s > start)
                    .copied()
                    .unwrap_or(content.len());
                if let Some(body) = content.get(start..end) {
                    out.push(body.to_vec());
                }
            }
        }
    }
    out
}

/// `object` with the `/Differences` that [`member`] may leave empty (of
/// its own dictionary and of that of its `/Encoding`) emptied.
fn without_differences(mut object: Object) -> Object {
    if let Object::Dictionary(dict) = &mut object {
        if dict.has(b"Differences") {
            dict.set("Differences", Object::Array(Vec::new()));
        }
        if let Ok(Object::Dictionary(encoding)) = dict.get_mut(b"Encoding") {
            if encoding.has(b"Differences") {
                encoding.set("Differences", Object::Array(Vec::new()));
            }
        }
    }
    object
}

/// [`member`] reads `body` as lopdf does, or leaves it to lopdf; true when
/// read here.
fn same(body: &[u8]) -> bool {
    let Some((ours, blanked)) = member(body) else {
        return false;
    };
    let theirs = parse_member(body, 1);
    let theirs = if blanked {
        theirs.map(without_differences)
    } else {
        theirs
    };
    let ours = if blanked {
        without_differences(ours)
    } else {
        ours
    };
    assert!(
        theirs.as_ref() == Some(&ours),
        "member {:?}\nours:  {ours:?}\nlopdf: {theirs:?}",
        String::from_utf8_lossy(body)
    );
    true
}

#[test]
fn reads_members_as_lopdf_does() {
    let cases: &[&[u8]] = &[
        b"<< /Type /Font /Subtype /Type3 /CharProcs << /g0 12 0 R /g1 13 0R >> \
          /Encoding << /Type /Encoding /Differences [0 /g0 /g1 5 /g0] >> \
          /FirstChar 0 /LastChar 6 /Widths [1 2 3 -4 5 6 7] /FontMatrix [.001 0 0 -.001 0 0] >>",
        b"<</Type/Encoding/Differences[0/a.b 1/c]>>",
        b"<< /Differences [0 /a 5 0 R] >>",
        b"<< /Differences [0 [/a]] >>",
        b"<< /Differences [0 (a)] >>",
        b"<< /Differences [0 /a#20b] >>",
        b"<< /Differences [0 /a 1.5] >>",
        b"<< /Differences [0 /a 99999999999999999999] >>",
        b"<< /Differences [0 /a %c\n /b] >>",
        b"<< /Differences [0 /a {] >>",
        b"<< /Differences [-1 /a+b_c.d-e] /Differences [1 /x] >>",
        b"<< /A << /Differences [0 /a] >> /Encoding /WinAnsiEncoding >>",
        b"<< /Encoding << /B << /Differences [0 /a] >> >> >>",
        b"<< /Encoding 7 0 R >>",
        b"  \r\n<< /K [1 0 R 2 0 R] /N 99999999999 0 R /M 1 70000 R >>",
        b"<< /A (x\\(y\\)) /B <4142 4> /C true /D null /E false /F -.5 /G 1.5-3 >>",
        b"[1 2 3] trailing garbage",
        b"12 0 R",
        b"12",
        b"/Name",
        b"(str)",
        b"<< /A >>",
        b"<< /A 1",
        b"",
        b"   ",
        b"%comment\n<< >>",
        b"<< /A 1 /A 2 >>",
        b"<< /A#20 1 >>",
        b"<</Length 5 /Filter /FlateDecode>>stream\nxxxxx\nendstream",
    ];
    for case in cases {
        same(case);
    }
    assert!(member(b"<< /Differences [0 /a] >>").is_some_and(|(_, blanked)| blanked));
    assert!(member(b"<< /Differences [0 /a 5 0 R] >>").is_some_and(|(_, blanked)| !blanked));
}

#[test]
fn reads_every_fixture_member_as_lopdf_does() {
    let members = fixture_members();
    assert!(members.len() > 1000, "{} members", members.len());
    let here = members.iter().filter(|body| same(body)).count();
    // Members are read here, not by lopdf.
    assert!(
        here * 100 > members.len() * 99,
        "{here} of {} read here",
        members.len()
    );
    // And so are the fonts the old blanking read.
    for body in &members {
        if blank(body).is_some_and(|b| b.differences) {
            assert!(member(body).is_some_and(|(_, blanked)| blanked));
        }
    }
}

#[test]
fn reads_mutated_fixture_members_as_lopdf_does() {
    const TRICKY: &[u8] = b"()<>[]{}/%\\#-+.0123456789 \n\r\0RnulltrefDifferencesEncoding";
    let mut random = xorshift(0x2545_f491_4f6c_dd1d);
    let mut tried = 0;
    for body in fixture_members().iter().filter(|b| !b.is_empty()) {
        for _ in 0..3 {
            let mut body = body.clone();
            mutate(&mut body, TRICKY, 3, &mut random);
            same(&body);
            tried += 1;
        }
    }
    assert!(tried > 3000, "{tried} members");
}

/// A xorshift generator: the same numbers every run.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// `bytes` with 1 to `most` bytes of `tricky` put in, or over others, at
/// random places.
pub(crate) fn mutate(
    bytes: &mut Vec<u8>,
    tricky: &[u8],
    most: u64,
    random: &mut impl FnMut() -> u64,
) {
    for _ in 0..1 + random() % most {
        let at = (random() as usize) % (bytes.len() + 1);
        let byte = tricky[(random() as usize) % tricky.len()];
        if random().is_multiple_of(2) && at < bytes.len() {
            bytes[at] = byte;
        } else {
            bytes.insert(at, byte);
        }
    }
}
