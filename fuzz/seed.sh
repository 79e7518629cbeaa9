#!/bin/sh
# Fill fuzz/corpus/<target>/ with seed inputs taken from real files: the shared FRUS TEI
# extract (cut into one small volume per document, so each seed stays under libFuzzer's
# -max_len), the seed reports, the shipped lexicons and the analysts' ratings.
# Usage: fuzz/seed.sh [SHARED]   (SHARED defaults to ../shared beside the repository)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${1:-$repo/../shared}
c=$here/corpus
mkdir -p "$c/tokenizer" "$c/lexicon" "$c/tei" "$c/ratings"

for f in "$shared"/seeds/*.txt; do cp "$f" "$c/tokenizer/"; done
for f in "$repo"/lexicons/*.toml; do cp "$f" "$c/lexicon/"; done
for f in "$shared"/corpus/analysts/*.csv; do cp "$f" "$c/ratings/"; done

tei="$shared/corpus/frus1938v03-soviet-japanese-border.xml"
# One file per <div type="document">: the volume's opening tag, the document, the closings.
awk -v out="$c/tei" '
  /<div type="document"/ { n++; inside = 1; file = sprintf("%s/doc%02d.xml", out, n);
      print "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xmlns:frus=\"http://history.state.gov/frus/ns/1.0\" xml:id=\"frus1938v03\"><text><body>" > file }
  inside { print >> file }
  inside && /^                    <\/div>/ { print "</body></text></TEI>" >> file; close(file); inside = 0 }
' "$tei"
# The document texts are good tokenizer seeds too.
for f in "$c"/tei/doc*.xml; do
  sed -e 's/<[^>]*>//g' "$f" > "$c/tokenizer/$(basename "$f" .xml).txt"
done
echo "seeded: $(ls "$c/tokenizer" | wc -l) tokenizer, $(ls "$c/lexicon" | wc -l) lexicon, $(ls "$c/tei" | wc -l) tei, $(ls "$c/ratings" | wc -l) ratings"
