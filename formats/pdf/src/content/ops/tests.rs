use lopdf::content::Content;
use lopdf::{Document, Object};

use super::Operations;
use crate::syntax::tests::{fixture_pdfs, mutate, xorshift};

/// One operation as compared: operator and operands, or the error.
type Seen = Result<(String, Vec<Object>), String>;

fn ours(data: &[u8]) -> Vec<Seen> {
    let mut ops = Operations::new(data);
    let mut out = Vec::new();
    while let Some(op) = ops.next() {
        out.push(
            op.map(|op| (op.operator.to_string(), op.operands.to_vec()))
                .map_err(|e| e.to_string()),
        );
    }
    out
}

fn lopdfs(data: &[u8]) -> Vec<Seen> {
    Content::decode_iter(data)
        .map(|op| {
            op.map(|op| (op.operator, op.operands))
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Both readers give the same operations (and fail at the same one).
fn same(data: &[u8]) {
    let (a, b) = (ours(data), lopdfs(data));
    assert!(
        a == b,
        "content {:?}\nours:  {a:?}\nlopdf: {b:?}",
        String::from_utf8_lossy(data)
    );
}

#[test]
fn reads_what_lopdf_reads() {
    let cases: &[&[u8]] = &[
        b"",
        b"   \n",
        b"q 1 0 0 1 10 10 cm BT /F1 12 Tf 72 720 Td (Hello) Tj ET Q",
        b"q\n0.99999994\n0.00-4142502\n0\n1.0000001\n106.729645\n232.27554\ncm\nQ",
        b"1.5.3 -.5 +4 5-3 -0 .5 5. 1.-5 Tz",
        b"-1.2-3 0.0--1 Tc",
        b"99999999999999999999 Tz Q",
        b"-9223372036854775808 9223372036854775807 9223372036854775808 Tz",
        b"1e5 Tz 2E Tw",
        b"[(A) -120 (B) 3.5 <0041 42>] TJ",
        b"[<00120034>-250<0056>]TJ(x)Tj<ab c>Tj<a>Tj< >Tj",
        b"(a\\(b\\)c\\101\\0\\777\\1234\\\nd\\\r\ne\\\rf\\n\\r\\t\\b\\f\\x\\\\) Tj",
        b"(a(b(c)d)e) Tj (line\r\nCR\rLF\n) Tj",
        b"(unterminated Tj Q",
        b"(nested (unterminated) Tj",
        b"(trailing backslash\\",
        b"<zz> Tj Q",
        b"<41 Tj",
        b"/P <</MCID 0 /Alt (x) /A [1 2 /N] /D << /E true >> >> BDC EMC",
        b"/Span<</ActualText<FEFF0031>>>BDC (1) Tj EMC",
        b"<< /A 1 0 R >> BDC",
        b"[1 0 R] TJ",
        b"[1 0 2 R] TJ [1 %c\n 0 R] TJ [12 0] TJ",
        b"<< /A >> BDC Q",
        b"<< /A 1 /A 2 /B 3 >> BDC",
        b"/a#20b Do /c# Do /d#4 Do /e#41 Do",
        b"/ Do /a/b Do //x Do",
        b"% comment\n q % inner\n Q %last",
        b"%c1\r\n%c2\r%c3\n\n BT ET",
        b"q %unterminated",
        b"1 2 % comment between operands\n re",
        b"nullx truefalse null true false n f t Do",
        b"[null true false] TJ [nullx] TJ",
        b"1 2 3",
        b"750 0 d0\n0 0 m 10 10 l S\n500 0 0 -10 480 700 d1",
        b"q { Q",
        b"q } Q",
        b"q ) Q",
        b"q ] Q",
        b"q > Q",
        b"' \" T* 1 2 (a) \" (b) '",
        b"BT\n/F1 12 Tf\n[(a)] TJ\n\0\0\0\0ET\x0cq\0Q",
        b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
        b"q BI /W 2 /H 1 /BPC 8 /CS /RGB ID abcdef EI Q",
        b"q BI /W 1 /H 1 /F /Fl ID x EI Q",
        b"q BIx Q",
        b"q 1 BI Q",
        b"\xff\xfe q Q",
        b"q \xc3\xa9 Q",
        b"[[[[[[1]]]]]] TJ",
        b"[ % c\n1 2] TJ",
        b"<</A%c\n1>> BDC",
        b"(\xe4\xb8\xad) Tj",
        b"/F1 12 Tf[(a)1(b)]TJ/F2 1 Tf",
    ];
    for case in cases {
        same(case);
    }
    // Nesting deeper than read here, and deeper than lopdf reads.
    for (open, close, n, tail) in [
        (&b"["[..], &b"]"[..], 120, &b" TJ Q"[..]),
        (b"(", b")", 120, b" Tj Q"),
        (b"<</A ", b">>", 60, b" BDC Q"),
    ] {
        same(
            &[
                open.repeat(n),
                b"1".to_vec(),
                close.repeat(n),
                tail.to_vec(),
            ]
            .concat(),
        );
    }
}

/// Every stream of the fixtures, decoded: page contents, forms, glyph
/// procedures, and other data as a harder test.
fn fixture_streams() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for path in fixture_pdfs() {
        let Ok(doc) = Document::load(&path) else {
            continue;
        };
        for object in doc.objects.values() {
            if let Object::Stream(stream) = object {
                // Up to 1 MB (a bomb among the bad files).
                match crate::objects::stream_data(stream, 1 << 20) {
                    Ok(data) if data.len() <= 1 << 20 => out.push(data.into_owned()),
                    _ => {}
                }
            }
        }
    }
    out
}

#[test]
fn reads_every_fixture_stream_as_lopdf_does() {
    let streams = fixture_streams();
    assert!(streams.len() > 1000, "{} streams", streams.len());
    // Operations read here, and by lopdf after a hand-over.
    let (mut here, mut handed) = (0usize, 0usize);
    for data in &streams {
        same(data);
        let mut ops = Operations::new(data);
        while let Some(Ok(_)) = ops.next() {
            if ops.handed_over() {
                handed += 1;
            } else {
                here += 1;
            }
        }
    }
    // Pages are read here, not by lopdf.
    assert!(
        here > 50 * handed,
        "{here} operations read here, {handed} by lopdf"
    );
}

#[test]
fn reads_mutated_fixture_streams_as_lopdf_does() {
    // Bytes that change how content reads, put in at random places.
    const TRICKY: &[u8] = b"()<>[]{}/%\\#-+.0123456789 \n\r\0RnulltrefBIDE'\"*";
    let mut random = xorshift(0x9e37_79b9_7f4a_7c15);
    let streams = fixture_streams();
    let mut tried = 0;
    for data in streams.iter().filter(|d| !d.is_empty()) {
        // A few short windows of each stream, each changed a few times.
        for _ in 0..4 {
            let start = (random() as usize) % data.len();
            let end = (start + 400).min(data.len());
            let mut window = data[start..end].to_vec();
            mutate(&mut window, TRICKY, 4, &mut random);
            same(&window);
            tried += 1;
        }
    }
    assert!(tried > 4000, "{tried} windows");
}
