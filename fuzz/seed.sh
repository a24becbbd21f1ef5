#!/bin/sh
# Seed each target's corpus from fixtures/ (run from fuzz/).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
seed() { mkdir -p "corpus/$1"; shift; for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/${target}/" || true; done; }
cd "$root/fuzz"
target=text; seed text "$root"/fixtures/text/*.txt "$root"/fixtures/seeds/*.txt
target=docx; seed docx "$root"/fixtures/docx/*.docx "$root"/fixtures/edge/*.docx "$root"/fixtures/samples/*.docx
target=pdf; seed pdf "$root"/fixtures/pdf/*.pdf "$root"/fixtures/edge/*.pdf
target=xlsx; seed xlsx "$root"/fixtures/xlsx/*.xlsx "$root"/fixtures/xlsx/*.ods "$root"/fixtures/xlsx/*.xls
target=markdown; seed markdown "$root"/fixtures/markdown/*.md
target=html; seed html "$root"/fixtures/html/*.html "$root"/fixtures/html/*.mht
target=json; seed json "$root"/fixtures/*/*.expected.json
mkdir -p corpus/normalize
# docx_scan reads document.xml text: each DOCX fixture's main part.
mkdir -p corpus/docx_scan
for f in "$root"/fixtures/docx/*.docx "$root"/fixtures/edge/*.docx; do
    unzip -p "$f" word/document.xml > "corpus/docx_scan/$(basename "$f" .docx).xml" 2>/dev/null || true
done
