//! Ways to trip each resource limit with a real fixture, shared by the
//! hostile-input test (each limit honoured and named) and the locale test
//! (each said in Chinese).

/// Ways to hit each limit: a fixture, the flag set low, and other flags
/// raised out of its way.
pub const LIMIT_CASES: &[(&str, &str, &str, &[&str])] = &[
    ("fixtures/samples/hzq2024.pdf", "--max-pages", "1", &[]),
    (
        "fixtures/ocr/full-2021.png",
        "--max-image-pixels",
        "1000",
        &[],
    ),
    (
        "fixtures/samples/hzq2024.pdf",
        "--max-pdf-objects",
        "10",
        &[],
    ),
    // Refused before any page is read or any engine started.
    (
        "fixtures/ocr/full-2021-fax.pdf",
        "--max-ocr-pages",
        "2",
        &[],
    ),
    ("fixtures/samples/hzq2024.pdf", "--max-cells", "10", &[]),
    (
        "fixtures/samples/hzq2024.pdf",
        "--max-text-chars",
        "100",
        &[],
    ),
    (
        "fixtures/samples/hzq2024.pdf",
        "--max-input-bytes",
        "1000",
        &[],
    ),
    // Byte limits take K/M/G suffixes, like ripgrep's --max-filesize.
    (
        "fixtures/samples/hzq2024.pdf",
        "--max-input-bytes",
        "1K",
        &[],
    ),
    ("fixtures/samples/hzq2024.pdf", "--max-pdf-depth", "0", &[]),
    ("fixtures/samples/hzq2024.pdf", "--max-pdf-array", "10", &[]),
    ("fixtures/samples/hzq2024.pdf", "--max-pdf-ops", "100", &[]),
    (
        "fixtures/bad/pdf-huge-array.pdf",
        "--max-pdf-array",
        "262144",
        &[],
    ),
    (
        "fixtures/bad/pdf-many-objects.pdf",
        "--max-pdf-objects",
        "1000000",
        &[],
    ),
    (
        "fixtures/bad/pdf-form-laughs.pdf",
        "--max-pdf-ops",
        "100000",
        &[],
    ),
    ("fixtures/docx/full-2021.docx", "--max-xml-depth", "5", &[]),
    ("fixtures/docx/full-2021.docx", "--max-cells", "10", &[]),
    (
        "fixtures/docx/full-2021.docx",
        "--max-text-chars",
        "100",
        &[],
    ),
    (
        "fixtures/docx/full-2021.docx",
        "--max-entry-bytes",
        "1000",
        &[],
    ),
    (
        "fixtures/docx/full-2021.docx",
        "--max-total-bytes",
        "1000",
        &[],
    ),
    ("fixtures/xlsx/one-sheet.xlsx", "--max-cells", "10", &[]),
    (
        "fixtures/xlsx/one-sheet.xlsx",
        "--max-text-chars",
        "100",
        &[],
    ),
    (
        "fixtures/xlsx/one-sheet.xlsx",
        "--max-entry-bytes",
        "1000",
        &[],
    ),
    (
        "fixtures/xlsx/one-sheet.xlsx",
        "--max-total-bytes",
        "1000",
        &[],
    ),
    ("fixtures/xlsx/one-sheet.xlsx", "--max-xml-depth", "3", &[]),
    ("fixtures/xlsx/one-sheet-ods.ods", "--max-cells", "10", &[]),
    ("fixtures/xlsx/one-sheet-xls.xls", "--max-cells", "10", &[]),
    ("fixtures/text/hzq2024-layout.txt", "--max-cells", "10", &[]),
    (
        "fixtures/text/hzq2024-layout.txt",
        "--max-text-chars",
        "100",
        &[],
    ),
    ("fixtures/markdown/sample.md", "--max-cells", "10", &[]),
    (
        "fixtures/markdown/sample.md",
        "--max-text-chars",
        "100",
        &[],
    ),
    (
        "fixtures/bad/html-many-attributes.html",
        "--max-html-attributes",
        "1000",
        &[],
    ),
    // The memory budget, for every reader: what the binary's allocator
    // counted while the input was read.
    ("fixtures/samples/hzq2024.pdf", "--max-memory", "100K", &[]),
    ("fixtures/docx/full-2021.docx", "--max-memory", "100K", &[]),
    ("fixtures/xlsx/one-sheet.xlsx", "--max-memory", "50K", &[]),
    (
        "fixtures/text/hzq2024-layout.txt",
        "--max-memory",
        "50K",
        &[],
    ),
    ("fixtures/markdown/sample.md", "--max-memory", "10K", &[]),
    // 100 MB of PDF array that the other limits, raised, would let in.
    (
        "fixtures/bad/pdf-huge-array.pdf",
        "--max-memory",
        "32M",
        &[
            "--max-pdf-array",
            "1000000000",
            "--max-pdf-objects",
            "1000000000",
        ],
    ),
    ("fixtures/bad/zip-bomb.docx", "--max-entry-bytes", "1M", &[]),
    (
        "fixtures/bad/zip-bomb.docx",
        "--max-zip-ratio",
        "200",
        &["--max-entry-bytes", "4G", "--max-total-bytes", "4G"],
    ),
];
