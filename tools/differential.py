#!/usr/bin/env python3
"""Differential check of noc-report against ../shared/bench/peer.py, the
Python implementation of FORMAT.md that the benchmark compares with.

  make differential            (or: tools/differential.py [--size 20M] [--seed 7] [--binary PATH])

1. Replay and outcome: a corpus from gen_corpus.py goes through
   `noc-report transcript` and through peer.replay/peer.outcome; every
   session's messages and (category, reason) must be equal.
2. Failed-step kinds and codes (FORMAT.md §8): thousands of step responses
   built from the pieces that break naive matching (digits before combining
   marks, letters that fold to ASCII under IGNORECASE, CR LF inside
   "endpoint … not exist", brackets, "FAILED: " prefixes) must classify as
   peer.step_failure does.

Needs the peer's dependencies (the benchmark's venv has them). Exit 1 on any
mismatch.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BENCH = os.path.join(REPO, "..", "shared", "bench")
sys.path.insert(0, BENCH)
import peer  # noqa: E402


def transcripts(binary, path):
    out = subprocess.run([binary, "transcript", path], capture_output=True, check=False)
    if out.returncode > 1:
        sys.exit(f"differential: noc-report transcript {path} failed: {out.stderr.decode()[-500:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def _peer_cancel_order_wrong(o):
    """True when the peer said cancelled_by_user only because of a cancellation
    request although there is error text that FORMAT.md §8 rule 3 classifies
    as something else."""
    if o.get("reason") != "cancelled_by_user" or o["category"] == "cancelled":
        return False
    text = o.get("error") or ""
    if "Investigation cancelled by user" in text:
        return False
    return bool(text)


def replay_and_outcome(binary, corpus):
    docs, _ = peer.collect(corpus)
    ref = {}
    for d in docs:
        msgs, _warns, _notes, _inflight, ev = peer.replay(d)
        for m in msgs:
            m.pop("_turn", None)
        ref[str(d.get("id"))] = (msgs, peer.outcome(d, msgs, ev))
    bad = skipped = 0
    ours = transcripts(binary, corpus)
    for t in ours:
        msgs, o = ref.get(t["id"], (None, None))
        if msgs is None:
            bad += 1
            print("  not in the peer's output:", t["id"])
            continue
        if t["messages"] != msgs:
            bad += 1
            print("  messages differ:", t["id"])
        # The peer checks a cancellation request before the error text; FORMAT.md §8
        # classifies the error text first (rule 3) and the request only without one
        # (rule 4). Sessions with both are skipped, counted, not compared.
        if _peer_cancel_order_wrong(o):
            skipped += 1
            continue
        if (t["outcome"]["category"], t["outcome"]["reason"]) != (o["category"], o.get("reason") or "none"):
            bad += 1
            print("  outcome differs:", t["id"], t["outcome"]["category"], t["outcome"]["reason"], o)
    missing = set(ref) - {t["id"] for t in ours}
    bad += len(missing)
    print(f"replay and outcome: {len(ours)} sessions, {len(ref)} in the peer, {bad} mismatches"
          f" ({skipped} outcomes not compared: peer puts a cancellation request before the error text)")
    return bad


PIECES = ["504", "50", "4", "\u0301", "gateway timeout", "gateway", " timeout", "GATEWAY TİMEOUT", "tİmeout", "ſ", "ı",
          "İ", "endpoint", "not exist", "\n", "\r", "\r\n", "[", "]", "FAILED: ", "FAILED:", "x", " ", "403",
          "unauthorized", "Throttl", "rate limit", "rate  limit", "\u212a", "é", "\"", "\\", "bad gateway", "not found",
          "NOT FOUND", "429", "401", "forbidden", "502", "\t", "\u2028", "ＦＡＩＬＥＤ", "5\u20e30"]


def step_kinds(binary, workdir, count, seed):
    rng = random.Random(seed)
    docs, expect = [], {}
    for n in range(count):
        resp = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))
        sid = f"kind-{n:05d}"
        log = [{"event": "run_start", "data": json.dumps({"timestamp": "2025-01-01T00:00:00Z"}), "turn": 1},
               {"event": "step_complete", "data": json.dumps(
                   {"step": 1, "agent": "TelemetryAgent", "query": "q", "response": resp, "error": True})},
               {"event": "message", "data": json.dumps({"text": "done"})},
               {"event": "run_complete", "data": json.dumps({})}]
        docs.append({"id": sid, "status": "completed", "created_at": "2025-01-01T00:00:00Z", "query": "alert",
                     "event_log": log})
        kind, code = peer.step_failure(resp)
        # The peer says None for "no bracket"; FORMAT.md §8 (and our JSON) says "".
        expect[sid] = (kind, code if code is not None else "")
    path = os.path.join(workdir, "step-kinds.json")
    with open(path, "w") as f:
        json.dump(docs, f)
    bad = 0
    for t in transcripts(binary, path):
        failed = t["outcome"]["failed_steps"]
        got = (failed[0]["kind"], failed[0].get("code")) if failed else None
        if got != tuple(expect[t["id"]]):
            bad += 1
            if bad <= 10:
                print("  step kind differs:", t["id"], got, expect[t["id"]])
    print(f"failed-step kinds and codes: {count} responses, {bad} mismatches")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "noc-report"))
    ap.add_argument("--size", default="50M", help="gen_corpus.py size of the replay corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--responses", type=int, default=3000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="noc-differential-") as work:
        for fmt in ("array", "jsonl"):
            corpus = os.path.join(work, f"corpus-{fmt}")
            subprocess.run([sys.executable, os.path.join(BENCH, "gen_corpus.py"), "--size", args.size,
                            "--format", fmt, "--seed", str(args.seed), "--out", corpus], check=True)
            print(f"{fmt} corpus, {args.size}, seed {args.seed}:")
            bad = replay_and_outcome(args.binary, corpus)
            if bad:
                sys.exit(1)
        if step_kinds(args.binary, work, args.responses, args.seed):
            sys.exit(1)


if __name__ == "__main__":
    main()
