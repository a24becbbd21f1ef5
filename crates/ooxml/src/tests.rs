//! The package guard on zips made in memory.

use gongkai_ir::{Limit, Limits, ReadError};

use crate::{damaged_zip, Package};

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    crate::testing::zip_of(entries).unwrap()
}

/// Patch the declared uncompressed size of the (only) entry to `size` in
/// both headers, as a hostile zip would.
fn lie_about_size(data: &mut [u8], size: u32) {
    for (sig, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let pos = data.windows(4).position(|w| w == sig).unwrap();
        data[pos + offset..pos + offset + 4].copy_from_slice(&size.to_le_bytes());
    }
}

/// Which limit an error names.
fn limit_of(result: Result<impl std::fmt::Debug, ReadError>) -> Limit {
    match result {
        Err(ReadError::Limit { limit, .. }) => limit,
        other => panic!("unexpected {other:?}"),
    }
}

/// A refusal whose message starts with `start`.
fn refused_with(result: Result<(), ReadError>, start: &str) {
    let err = result.unwrap_err().to_string();
    assert!(err.starts_with(start), "{err}");
}

/// 3 MB of zeros: deflates far beyond 200:1.
fn bomb() -> Vec<u8> {
    zip_of(&[("a.xml", &vec![b'0'; 3 << 20])])
}

#[test]
fn entries_within_the_limits_are_read() {
    let data = zip_of(&[("a.xml", b"<a/>"), ("b/c.rels", b"<r/>")]);
    let limits = Limits::default();
    let mut package = Package::open(&data, "test", &limits).unwrap();
    assert!(package.contains("b/c.rels"));
    assert!(!package.contains("B/C.rels"));
    assert_eq!(package.names().collect::<Vec<_>>(), ["a.xml", "b/c.rels"]);
    assert_eq!(package.read("a.xml").unwrap(), b"<a/>");
    package.check_declared_sizes().unwrap();
    package.check_xml_depth().unwrap();
    assert!(matches!(
        package.read("missing.xml"),
        Err(ReadError::Malformed { format: "test", .. })
    ));
}

#[test]
fn entry_size_limit() {
    let data = bomb();
    let limits = Limits {
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    };
    let mut package = Package::open(&data, "test", &limits).unwrap();
    assert_eq!(limit_of(package.read("a.xml")), Limit::EntryBytes);
    assert_eq!(limit_of(package.check_declared_sizes()), Limit::EntryBytes);
    let err = package.read("a.xml").unwrap_err().to_string();
    assert_eq!(
        err,
        "zip entry a.xml (3145728 bytes uncompressed) exceeds the limit of 1048576 bytes \
         (raise it with --max-entry-bytes)"
    );
}

#[test]
fn compression_ratio_limit() {
    let data = bomb();
    let limits = Limits::default();
    let mut package = Package::open(&data, "test", &limits).unwrap();
    assert_eq!(limit_of(package.read("a.xml")), Limit::ZipRatio);
    assert_eq!(limit_of(package.check_declared_sizes()), Limit::ZipRatio);
    assert_eq!(limit_of(package.check_xml_depth()), Limit::ZipRatio);
    // Small entries compress as they like.
    let small = zip_of(&[("a.xml", &vec![b'0'; 1 << 19])]);
    let mut package = Package::open(&small, "test", &limits).unwrap();
    assert_eq!(package.read("a.xml").unwrap().len(), 1 << 19);
}

#[test]
fn total_size_limit_counts_every_entry() {
    let part = vec![b'x'; 600];
    let data = zip_of(&[("a.xml", &part), ("b.xml", &part)]);
    let limits = Limits {
        max_total_bytes: 1000,
        ..Limits::default()
    };
    let mut package = Package::open(&data, "test", &limits).unwrap();
    assert_eq!(package.read("a.xml").unwrap().len(), 600);
    let err = package.read("b.xml").unwrap_err();
    assert_eq!(limit_of(Err::<(), _>(err)), Limit::TotalBytes);
    let mut package = Package::open(&data, "test", &limits).unwrap();
    refused_with(
        package.check_declared_sizes(),
        "decompressed package size (1200 bytes)",
    );
}

#[test]
fn lying_size_header_is_caught_while_inflating() {
    let mut data = zip_of(&[("a.xml", &vec![b'x'; 2 << 20])]);
    lie_about_size(&mut data, 100);
    let limits = Limits {
        max_entry_bytes: 1 << 20,
        max_zip_ratio: 100_000,
        ..Limits::default()
    };
    // The header passes; the zip reader or the limit stops the inflating.
    let mut package = Package::open(&data, "test", &limits).unwrap();
    package.check_declared_sizes().unwrap();
    match package.read("a.xml") {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, Limit::EntryBytes),
        Err(ReadError::Malformed { reason, .. }) => {
            assert!(
                reason.to_string().contains("larger than its declared"),
                "{reason}"
            )
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn xml_depth_of_every_part() {
    let deep = format!("{}{}", "<a>".repeat(10), "</a>".repeat(10));
    let data = zip_of(&[
        ("ok.xml", b"<a><b/></a>"),
        ("deep.bin", deep.as_bytes()),
        ("_rels/deep.rels", deep.as_bytes()),
    ]);
    let limits = Limits {
        max_xml_depth: 5,
        ..Limits::default()
    };
    let mut package = Package::open(&data, "test", &limits).unwrap();
    refused_with(
        package.check_xml_depth(),
        "XML nesting depth of _rels/deep.rels",
    );
}

#[test]
fn damaged_zips_are_told_apart() {
    let data = zip_of(&[("a.xml", b"<a/>")]);
    assert!(damaged_zip(&data, "test").is_none());
    assert!(damaged_zip(b"plain text", "test").is_none());
    for bad in [&data[..data.len() / 2], b"PK\x03\x04garbage".as_slice()] {
        refused_with(
            damaged_zip(bad, "test").map_or(Ok(()), Err),
            "not a valid test file: a damaged or truncated zip package",
        );
        let limits = Limits::default();
        assert!(matches!(
            Package::open(bad, "test", &limits),
            Err(ReadError::Malformed { .. })
        ));
    }
}

/// `data` behind `prefix`, and the same with the zip's offsets made to
/// count from the start of the file (as `zip -A` does for a stub).
fn prefixed(data: &[u8], prefix: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let relative = [prefix, data].concat();
    let mut absolute = relative.clone();
    let shift = prefix.len() as u32;
    // Central headers: local header offset at 42; the end record: directory
    // offset at 16.
    for (sig, at) in [(b"PK\x01\x02", 42), (b"PK\x05\x06", 16)] {
        let mut from = prefix.len();
        while let Some(pos) = absolute[from..].windows(4).position(|w| w == sig) {
            let field = from + pos + at;
            let old = u32::from_le_bytes(absolute[field..field + 4].try_into().unwrap());
            absolute[field..field + 4].copy_from_slice(&(old + shift).to_le_bytes());
            from += pos + 4;
        }
    }
    (relative, absolute)
}

#[test]
fn a_zip_behind_a_prefix_is_refused_with_the_repair() {
    let data = zip_of(&[("a.xml", b"<a/>")]);
    assert_eq!(crate::zip_prefix(&data), None);
    assert_eq!(crate::zip_prefix(b"plain text, no zip"), None);
    let stub = b"MZ\x90\x00 a self-extracting stub, or a web page's stray output\r\n";
    for bytes in [&b"\xEF\xBB\xBF"[..], &b"\r\n"[..], &stub[..]] {
        let (relative, absolute) = prefixed(&data, bytes);
        let n = bytes.len() as u64;
        for (shifted, repair) in [
            (&relative, format!("tail -c +{} FILE > fixed.test", n + 1)),
            (&absolute, "zip -J FILE".to_string()),
        ] {
            assert_eq!(crate::zip_prefix(shifted), Some(n));
            let why = format!("not a valid test file: the zip package starts after {n} bytes");
            refused_with(damaged_zip(shifted, "test").map_or(Ok(()), Err), &why);
            let limits = Limits::default();
            let err = Package::open(shifted, "test", &limits).err().unwrap();
            assert!(err.to_string().starts_with(&why), "{err}");
            assert!(err.to_string().ends_with(&repair), "{err}");
        }
    }
    // A prefix before something that only ends like a zip is no zip.
    assert_eq!(crate::zip_prefix(b"text PK\x05\x06 more"), None);
}
