#!/usr/bin/env python3
"""Builds the fuzzer's seed corpus: the bundled example export and the test
fixtures, split into small documents, plus one file per input shape of
FORMAT.md §1 (listing, JSON Lines, chunked session, summary listing).

Usage: tools/fuzz-seeds.py OUTDIR"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


def put(name, text):
    (out / name).write_bytes(text.encode() if isinstance(text, str) else text)


sources = [root / "examples/noc-export.json", root / "Tests/TranscriptTests/Fixtures/examples-export.json"]
sources += sorted((root / "Tests/RenderTests/Golden").glob("*.input.json"))
docs = []
for path in sources:
    data = json.loads(path.read_text())
    items = data if isinstance(data, list) else [data]
    for i, doc in enumerate(items):
        docs.append(doc)
        put(f"{path.stem}-{i}.json", json.dumps(doc, ensure_ascii=False))

small = [d for d in docs if len(json.dumps(d)) < 6000][:3]
put("array.json", json.dumps(small, indent=1))
put("listing.json", json.dumps({"sessions": small}))
put("lines.jsonl", "\n".join(json.dumps(d) for d in small) + "\n")
put("summary-listing.json", json.dumps({"sessions": [{"id": "s", "status": "completed", "step_count": 3}]}))

events = [{"event": "user_message", "turn": 0, "data": json.dumps({"text": "ALERT"})},
          {"event": "run_start", "data": json.dumps({"run_id": "r", "timestamp": "2026-02-20T10:00:00+00:00"})},
          {"event": "step_complete", "data": json.dumps({"step": 1, "agent": "TelemetryAgent", "error": True,
                                                         "response": "FAILED: [504] gateway timeout"})},
          {"event": "error", "data": json.dumps({"message": "Agent run interrupted — x.\n\nError detail: [504] y"})}]
manifest = {"id": "c1", "_docType": "session", "status": "failed", "created_at": "2026-02-20T10:00:00+00:00",
            "chunk_count": 3, "chunk_ids": ["c1:chunk-0", "c1:chunk-1", "c1:chunk-2"]}
chunks = [{"id": f"c1:chunk-{i}", "_docType": "session_chunk", "session_id": "c1", "chunk_index": i,
           "events": events[i * 2:i * 2 + 2]} for i in (1, 0)]
put("chunked.json", json.dumps([chunks[0], manifest, chunks[1]]))
put("v2.json", json.dumps({"id": "v2", "status": "completed", "event_log": [
    {"event": "run.start", "timestamp": "2026-02-20T10:00:00Z", "data": "{}"},
    {"event": "tool_call.start", "data": json.dumps({"id": "t1", "step": 1, "agent": "A"})},
    {"event": "message.delta", "data": json.dumps({"id": "m", "text": "partial"})},
    {"event": "tool_call.complete", "data": {"id": "t1", "step": 1, "sub_steps": [{"index": 0, "query": "q"}]}},
    {"event": "message.complete", "data": json.dumps({"id": "m", "text": "# Done\n\n| a | b |"})},
    {"event": "run.complete", "data": json.dumps({"steps": 1, "time": "1.0s"})}]}))
