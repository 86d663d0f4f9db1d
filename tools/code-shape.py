#!/usr/bin/env python3
"""Lists the places where the Swift code breaks the shape rules of DEVELOPERS.md.

    tools/code-shape.py [--strict] [PATH ...]    # default: every tracked *.swift file

Four lists, each line `path:line: what`:
  - functions over 60 lines (func, init, deinit, subscript; declaration line to closing brace),
  - Swift files over 400 lines,
  - force unwraps (`x!`, `try!`, `as!`) outside Tests/,
  - files outside the byte-level module (Sources/ByteLevel/) that use Unsafe
    pointers, raw memory or Glibc, or call a libc function (open, stat, flock,
    errno, _exit...) directly (expected: none). Tests/ and Fuzz/ may: a
    test or the fuzzer's C entry point hands bytes over by pointer.

Comments and string literals (with interpolations, multi-line and raw strings)
are blanked out first, so a brace or a `!` inside them counts for nothing.
Exit status 0, or with --strict 1 when any list is not empty.
"""
import os
import re
import subprocess
import sys

MAX_FUNCTION_LINES = 60
MAX_FILE_LINES = 400
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def blank(text, start, end, out):
    """`text[start:end]` as spaces, line breaks kept (so line numbers stay)."""
    out.append(re.sub(r"[^\n]", " ", text[start:end]))


def strip(text):
    """The code of a Swift file with comments and string contents blanked."""
    out = []
    i = code_until(text, 0, out, closer=None)
    out.append(text[i:])
    return "".join(out)


RAW_OPEN = re.compile(r'#+"')


def code_until(text, i, out, closer):
    """Copies code from `i`, blanking comments and strings, up to the `)`
    that closes an interpolation when `closer` is set; returns where it stopped."""
    depth = 0
    n = len(text)
    start = i
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            out.append(text[start:i])
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(text, i, end, out)
            i = start = end
        elif text.startswith("/*", i):
            out.append(text[start:i])
            end = block_comment_end(text, i)
            blank(text, i, end, out)
            i = start = end
        elif c == '"' or (c == "#" and RAW_OPEN.match(text, i)):
            out.append(text[start:i])
            i = start = string_end(text, i, out)
        elif closer and c == "(":
            depth += 1
            i += 1
        elif closer and c == ")":
            if depth == 0:
                out.append(text[start:i])
                return i
            depth -= 1
            i += 1
        else:
            i += 1
    out.append(text[start:i])
    return i


def block_comment_end(text, i):
    depth = 0
    n = len(text)
    while i < n:
        if text.startswith("/*", i):
            depth += 1
            i += 2
        elif text.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    return n


HASHES = re.compile(r"#*")


def string_end(text, i, out):
    """Blanks the string literal starting at `i` (its quotes kept, its
    interpolations copied as code) and returns the index after it."""
    hashes = len(HASHES.match(text, i).group(0))
    j = i + hashes
    multi = text.startswith('"""', j)
    quote = '"""' if multi else '"'
    j += len(quote)
    out.append(text[i:j])
    close = quote + "#" * hashes
    escape = "\\" + "#" * hashes
    n = len(text)
    seg = j
    while j < n:
        if text.startswith(close, j):
            blank(text, seg, j, out)
            out.append(close)
            return j + len(close)
        if text.startswith(escape, j):
            k = j + len(escape)
            if k < n and text[k] == "(":
                blank(text, seg, k, out)
                out.append(" " * len(escape) + "(")
                end = code_until(text, k + 1, out, closer=")")
                out.append(")")
                j = seg = end + 1
                continue
            j = k + 1
            continue
        if not multi and text[j] == "\n":
            break  # an unterminated literal: stop at the line's end
        j += 1
    blank(text, seg, j, out)
    return j


DECL = re.compile(r"(?<![.\w])(func\s+([^\s(<]+)|init[?!]?(?=\s*[(<])|deinit(?=\s*\{)|subscript(?=\s*[(<]))")


def functions(code):
    """(line, name, lines) of every function body in blanked code."""
    found = []
    for m in DECL.finditer(code):
        name = m.group(2) or m.group(1)
        body = body_range(code, m.end())
        if body is None:
            continue
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, body[1]) + 1
        found.append((first, name, last - first + 1))
    return found


def body_range(code, i):
    """Where the body that follows a declaration at `i` opens and closes, or
    None for a requirement without a body (protocol, `@_silgen_name`)."""
    depth = 0
    n = len(code)
    while i < n:
        c = code[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "{" and depth == 0:
            break
        elif c == "}" and depth == 0:
            return None
        elif depth == 0 and DECL.match(code, i):
            return None
        i += 1
    if i >= n:
        return None
    open_at = i
    braces = 0
    while i < n:
        if code[i] == "{":
            braces += 1
        elif code[i] == "}":
            braces -= 1
            if braces == 0:
                return (open_at, i)
        i += 1
    return None


FORCE = re.compile(r"(?<=[\w)\]}>])!(?!=)")
UNSAFE = re.compile(r"\b(?:Unsafe\w*Pointer|withUnsafe\w*|unsafeBitCast|unsafeLoad\w*|unsafeUninitializedCapacity"
                    r"|utf8Start|withMemoryRebound|assumingMemoryBound|bindMemory)\b|\b(?:Glibc|Darwin)\b")
# A libc function called directly (Foundation re-exports Glibc): not a
# method (`x.close()`) and not a function the file declares itself.
LIBC_CALL = re.compile(r"(?<![.\w])(flock|fstatat|faccessat|openat|unlinkat|fstat|lstat|fsync|rename|renameat|linkat"
                       r"|close|open|getpid|kill|errno|strerror|_exit|signal|waitpid|stat|statvfs|mkdirat|fchmod"
                       r"|getrlimit|setrlimit|sysconf|isatty|clock_gettime|usleep)\(")
DECLARED = re.compile(r"\bfunc\s+(\w+)")
BYTE_LEVEL = "Sources/ByteLevel/"
MAY_USE_POINTERS = ("Tests/", "Fuzz/")


def swift_files(paths):
    if paths:
        files = []
        for p in paths:
            if os.path.isdir(p):
                for d, _, names in os.walk(p):
                    files += [os.path.join(d, f) for f in names if f.endswith(".swift")]
            else:
                files.append(p)
        return sorted(files)
    listed = subprocess.run(["git", "-C", ROOT, "ls-files", "*.swift"], capture_output=True, text=True, check=True)
    return sorted(os.path.join(ROOT, f) for f in listed.stdout.split())


def main(argv):
    strict = "--strict" in argv
    files = swift_files([a for a in argv if a != "--strict"])
    long_functions, long_files, unwraps, unsafe = [], [], [], []
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        rel = os.path.relpath(path, ROOT)
        code = strip(text)
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if lines > MAX_FILE_LINES:
            long_files.append(f"{rel}:1: {lines} lines")
        for line, name, count in functions(code):
            if count > MAX_FUNCTION_LINES:
                long_functions.append(f"{rel}:{line}: {name} {count} lines")
        if not rel.startswith("Tests/") and "/Tests/" not in rel:
            source_lines = text.split("\n")
            for number, code_line in enumerate(code.split("\n"), 1):
                if FORCE.search(code_line):
                    unwraps.append(f"{rel}:{number}: {source_lines[number - 1].strip()}")
        declared = set(DECLARED.findall(code))
        uses = sorted(set(UNSAFE.findall(code)) | {f"{c}()" for c in LIBC_CALL.findall(code) if c not in declared})
        if uses and not rel.startswith((BYTE_LEVEL,) + MAY_USE_POINTERS) and "/Tests/" not in rel:
            unsafe.append(f"{rel}: {', '.join(u for u in uses)}")
    report = [
        (f"functions over {MAX_FUNCTION_LINES} lines", long_functions),
        (f"Swift files over {MAX_FILE_LINES} lines", long_files),
        ("force unwraps outside Tests/", unwraps),
        (f"files using Unsafe pointers, Glibc or libc calls outside {BYTE_LEVEL}", unsafe),
    ]
    for title, rows in report:
        print(f"{title}: {len(rows)}")
        for row in rows:
            print(f"  {row}")
    return 1 if strict and any(rows for _, rows in report) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
