#!/usr/bin/env python3
"""Concatenate JSON array exports into one array, without parsing them.

    tools/concat-exports.py OUT IN1.json IN2.json ...

Each input must be one JSON array (as gen_corpus.py --format array writes).
The bytes between the outer brackets are copied as they are, so a 1 GB input
costs one pass and little memory. Used by `make bench` for the "1 GB + 50 MB
of new sessions" row.
"""
import os
import sys

CHUNK = 1 << 20


def body_bounds(path):
    """Offsets just after the opening '[' and of the closing ']'; None when empty."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(min(size, 4096))
        start = len(head) - len(head.lstrip())
        if head[start:start + 1] != b"[":
            sys.exit(f"{path}: not a JSON array (first byte {head[start:start + 1]!r})")
        f.seek(max(0, size - 4096))
        tail = f.read()
        end = size - (len(tail) - len(tail.rstrip()))
        if tail.rstrip()[-1:] != b"]":
            sys.exit(f"{path}: not a JSON array (it does not end with ']')")
        f.seek(start + 1)
        inner = f.read(min(4096, end - 1 - start - 1))
        empty = inner.strip() == b"" and end - 1 - (start + 1) <= 4096
    return None if empty else (start + 1, end - 1)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip())
    out, inputs = sys.argv[1], sys.argv[2:]
    tmp = out + ".tmp"
    with open(tmp, "wb") as w:
        w.write(b"[")
        first = True
        for path in inputs:
            bounds = body_bounds(path)
            if bounds is None:
                continue
            if not first:
                w.write(b",\n")
            first = False
            begin, end = bounds
            with open(path, "rb") as f:
                f.seek(begin)
                left = end - begin
                while left > 0:
                    block = f.read(min(CHUNK, left))
                    if not block:
                        sys.exit(f"{path}: shorter than expected")
                    w.write(block)
                    left -= len(block)
        w.write(b"]\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
