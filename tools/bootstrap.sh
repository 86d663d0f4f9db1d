#!/usr/bin/env bash
# Installs what noc-report needs on a fresh Debian machine that has Swift:
# libcmark and libmimalloc (linked), the cmark CLI (used by tests) and pkg-config;
# with NOC_BOOTSTRAP_TEST_TOOLS=1 (make test-deps, so CI) also chromium and
# poppler-utils, so the tests print one report to PDF and read it back with pdftotext.
set -euo pipefail

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark 2>/dev/null; then
  need+=(libcmark-dev)
fi
# No pkg-config file in Debian's libmimalloc-dev: look for the linker's name.
has_mimalloc() {
  local f
  for f in /usr/lib/*/libmimalloc.so /usr/lib/libmimalloc.so /usr/local/lib/libmimalloc.so; do
    [ -e "$f" ] && return 0
  done
  return 1
}
has_mimalloc || need+=(libmimalloc-dev)
if [ "${NOC_BOOTSTRAP_TEST_TOOLS:-0}" = 1 ]; then
  command -v cmark >/dev/null 2>&1 || need+=(cmark)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "noc-report: needs the Debian packages: ${need[*]}" >&2
  echo "  install them as root:  apt-get update && apt-get install -y ${need[*]}" >&2
  exit 2
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "noc-report: needs ${need[*]} (libcmark with its headers, libmimalloc), and this machine has no apt-get: install them with your package manager" >&2
  exit 2
fi
echo "noc-report: installing ${need[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >&2 || { echo "noc-report: apt-get update failed" >&2; exit 2; }
"${SUDO[@]}" apt-get install -y -qq "${need[@]}" >&2 || { echo "noc-report: apt-get install ${need[*]} failed" >&2; exit 2; }
