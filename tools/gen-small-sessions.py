#!/usr/bin/env python3
"""Writes a JSON array of N small, valid sessions (about 450 bytes each), for
measuring what the tool keeps per session: 300,000 make about 133 MB.

    tools/gen-small-sessions.py 300000 > small.json
    tools/gen-small-sessions.py --files 20000 DIR   # one session per file
"""
import os
import sys


def session(i):
    sid = "sess-%08d-4f1c-9a2e-%012d" % (i, i * 7919 % 10**12)
    return ('{"id":"%s","_docType":"session","updated_at":"2025-11-03T10:%02d:%02d.%06dZ",'
            '"status":"completed","alert_text":"Disk usage above 90%% on host-%d",'
            '"event_log":[{"event":"user_message","data":"{\\"text\\":\\"Why is disk %d full?\\"}","turn":0},'
            '{"event":"run_start","data":"{\\"run_id\\":\\"r%d\\"}"},'
            '{"event":"message","data":"{\\"text\\":\\"The log volume on host-%d is full; rotated the logs.\\"}"},'
            '{"event":"message","data":"{\\"text\\":\\"Done.\\"}"}]}'
            % (sid, i // 60 % 60, i % 60, i % 1000000, i % 977, i, i, i % 977))


def main(argv):
    if len(argv) == 3 and argv[0] == "--files":
        count, folder = int(argv[1]), argv[2]
        os.makedirs(folder, exist_ok=True)
        for i in range(count):
            with open(os.path.join(folder, "s%06d.json" % i), "w") as f:
                f.write(session(i))
        return 0
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    out = sys.stdout
    out.write("[\n")
    for i in range(int(argv[0])):
        out.write((",\n" if i else "") + session(i))
    out.write("\n]\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
