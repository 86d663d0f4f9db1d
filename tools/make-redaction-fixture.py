#!/usr/bin/env python3
"""Writes Tests/CLITests/Fixtures/redaction-hostile.json and its list of
planted values (redaction-hostile.planted.json).

Personal data and secrets of every kind the built-in redaction rules cover
are planted in every place a report, the index, the transcript JSON or a
warning can show: alerts, queries, responses, reasoning, diagnoses,
visualization cells, dispatch actions, e-mail bodies, run metadata, status
messages and error messages; in first- and second-generation sessions, a
chunked session, a legacy document and an interaction. `kept` lists the
ordinary text around them, and values that look alike but must NOT be
redacted (timestamps, latencies, UUIDs, dispatch ids, coordinates, ...).

    python3 tools/make-redaction-fixture.py
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "CLITests", "Fixtures")

NAME1, NAME2 = "Jordan Pellegrino", "Aroha Tipene"
EMAIL1, EMAIL2 = "jordan.pellegrino@fieldops.example", "aroha.tipene@fieldops.example"
EMAIL3, EMAIL4 = "oncall-lead@contoso-noc.example", "j.doe+alerts@corp.example.org"
PHONE1, PHONE2 = "+61 412 884 190", "+1 (425) 555-0142"
PHONE3, PHONE4, PHONE5, PHONE6 = "(206) 555-0188", "503-555-0199", "+44 20 7946 0958", "1-800-555-0177"
QUOTED_PASSWORD = "Qu0ted;Secret w0rd"
ENCODED_EMAIL = "oncall-lead%40contoso-noc.example"
JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJub2Mtb3BzIiwiaWF0IjoxNzAwMDAwMDAwfQ.dGhpc2lzYXNpZ25hdHVyZXZhbHVlMTIz"
BEARER = "AbC123xYz789QwErTy456UiOp"
ACCOUNT_KEY = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGRw=="
SHARED_KEY = "c2VjcmV0U2hhcmVkQWNjZXNzS2V5VmFsdWUxMjM0NTY3OA=="
PASSWORD = "S3cr3tPassw0rd!2026"
PWD = "hunter2-Xyz789"
SIG = "k3yS1gnatur3Va1ue%2Bw1thPerc3nt%3D"
GHP = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
GHPAT = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789ab"
SK = "sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"
HEXKEY1, HEXKEY2 = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"

CONN_STORAGE = f"DefaultEndpointsProtocol=https;AccountName=nocdiag;AccountKey={ACCOUNT_KEY};EndpointSuffix=core.windows.net"
CONN_BUS = f"Endpoint=sb://noc-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={SHARED_KEY}"
CONN_SQL = f"Server=tcp:noc-sql.database.windows.net,1433;Database=noc;User ID=nocadmin;Password={PASSWORD};"
CONN_ODBC = f"Driver={{ODBC Driver 18}};Server=10.20.30.40;Uid=svc_noc;Pwd={PWD};"
SAS_URL = f"https://nocdiag.blob.core.windows.net/captures/pcap-0420.pcap?sv=2022-11-02&sp=r&se=2026-03-01T00:00:00Z&sig={SIG}"

PLANTED = [NAME1, NAME2, EMAIL1, EMAIL2, EMAIL3, EMAIL4, PHONE1, PHONE2, PHONE3, PHONE4, PHONE5, JWT, BEARER,
           ACCOUNT_KEY, SHARED_KEY, PASSWORD, PWD, SIG, GHP, GHPAT, SK, HEXKEY1, HEXKEY2,
           PHONE6, QUOTED_PASSWORD, ENCODED_EMAIL,
           # pieces that must not survive either
           "Pellegrino", "Tipene", "800-555-0177", "Qu0ted", "412 884 190", "555-0142", "555-0188", "7946 0958"]

KEPT = ["Splice enclosure SPL-GLB-03", "call the NOC on arrival", "DSP-2026-00042", "47.6062, -122.3321",
        "p99 450ms", "123 ms", "2026-02-20T10:00:44.000000+00:00", "10.20.30.40", "v2.14.3",
        "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f", "8f448893-3181-4528-ac00-c154e5422775",
        "Fibre plant fault", "LINK-SYD-CBR-FIBRE-02", "Root cause", "AccountName=nocdiag", "EndpointSuffix=core.windows.net",
        "Uid=svc_noc", "sv=2022-11-02", "Gateway timeout", "tray 1, fibres 13/14", "port 8443"]

T0 = "2026-02-20T10:00:00.000000+00:00"


def ts(s):
    return f"2026-02-20T10:{s // 60:02d}:{s % 60:02d}.000000+00:00"


def ev(name, data, turn=None, timestamp=None):
    e = {"event": name, "data": data if isinstance(data, str) else json.dumps(data)}
    if turn is not None:
        e["turn"] = turn
    if timestamp is not None:
        e["timestamp"] = timestamp
    return e


def action(name, email, phone, dispatch_id):
    first = name.split()[0]
    return {
        "status": "dispatched", "dispatch_id": dispatch_id, "dispatch_time": ts(44),
        "engineer": {"name": name, "email": email, "phone": phone},
        "destination": {"description": "Splice enclosure SPL-GLB-03, Hume Hwy service road, at 47.6062, -122.3321",
                        "latitude": 47.6062, "longitude": -122.3321,
                        "maps_link": "https://www.google.com/maps?q=47.6062,-122.3321"},
        "urgency": "high", "sensor_ids": ["SENS-CBR-OPT-004"],
        "email_subject": f"URGENT: OTDR at SPL-GLB-03 for {name} ({dispatch_id})",
        "email_body": (f"Hi {first},\n\nLINK-SYD-CBR-FIBRE-02 lost 16.5 dB; SPL-GLB-03 (tray 1, fibres 13/14) is the prime suspect. "
                       f"Escalate to {EMAIL3} or {PHONE3}; bridge line {PHONE4}. Portal token: Bearer {BEARER}.\n\n"
                       f"Please call the NOC on arrival.\n\nThanks,\nNOC Sydney ({EMAIL4})"),
    }


def step(n, agent, query, response, **extra):
    p = {"step": n, "agent": agent, "duration": "3.2s", "query": query, "response": response, "timestamp": ts(10 + n)}
    p.update(extra)
    return p


def first_generation():
    steps = [
        step(1, "TelemetryAgent", f"Query link health using key=\"{HEXKEY2}\" and Authorization: Bearer {BEARER}",
             f"p99 450ms on LINK-SYD-CBR-FIBRE-02; probe 123 ms. Capture at {SAS_URL} (v2.14.3, commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f).",
             reasoning=f"Fibre plant fault suspected; storage {CONN_STORAGE}; reported by {EMAIL2}.",
             visualizations=[{"type": "table", "data": {
                 "columns": [{"name": "contact", "type": "string"}, {"name": "phone", "type": "string"}, {"name": "host", "type": "string"}],
                 "rows": [{"contact": EMAIL3, "phone": PHONE5, "host": "10.20.30.40 port 8443"},
                          {"contact": NAME2, "phone": PHONE2, "host": f"api-key: {HEXKEY1}"}],
                 "query": f"SELECT * FROM contacts WHERE token = '{GHP}'"}}]),
        step(2, "GraphExplorerAgent", f"Which sessions used {CONN_SQL}",
             f"FAILED: [504] Gateway timeout (upstream said Pwd={PWD}; {JWT})", error=True),
        step(3, "dispatch_field_engineer", f"Dispatch {NAME1} ({PHONE1}) to SPL-GLB-03",
             f"Field engineer {NAME1} dispatched (DSP-2026-00042). ETA 1h 50m.",
             reasoning="Fibre plant fault with no protection headroom.", is_action=True,
             action=action(NAME1, EMAIL1, PHONE1, "DSP-2026-00042")),
    ]
    log = [ev("user_message", {"text": f"ALERT LINK-SYD-CBR-FIBRE-02 down; raised by {NAME1} <{EMAIL1}>, {PHONE1}"}, turn=0),
           ev("run_start", {"run_id": "r1", "alert": "x", "timestamp": T0}),
           ev("thread_created", {"thread_id": "thread_8f448893"}),
           ev("step_thinking", {"agent": "Orchestrator", "status": f"Retrying investigation (attempt 2/2) for {EMAIL2}..."})]
    for s in steps:
        log.append(ev("step_started", {k: s[k] for k in ("step", "agent", "query", "timestamp")}))
        log.append(ev("step_response", s))
        log.append(ev("step_complete", s))
        if s.get("is_action"):
            log.append(ev("action_executed", {"step": s["step"], "action_name": "dispatch_field_engineer",
                                               "action_data": s["action"], "timestamp": s["timestamp"]}))
    diagnosis = (f"## Root cause\n\nFibre fault at SPL-GLB-03. [{NAME1}](mailto:{EMAIL1}) is on the way "
                 f"(call <{PHONE1}> or {PHONE4}).\n\n| who | how |\n|---|---|\n| {NAME1} | {EMAIL1} |\n\n"
                 f"Rotate `{SK}` and {GHPAT}; see <{SAS_URL}>.")
    log += [ev("message", {"text": diagnosis}),
            ev("run_complete", {"steps": 3, "tokens": 4200, "time": "41.3s", "operator": EMAIL2, "note": f"paged {PHONE2}"}),
            ev("user_message", {"text": f"Follow up: did {NAME1.split()[0]} arrive? Ask {PHONE3}."}, turn=1),
            ev("run_start", {"run_id": "r2", "alert": "x", "timestamp": ts(120)}, turn=1),
            ev("status_change", {"status": "cancelling", "message": f"Cancelling at the request of {EMAIL3} ({PHONE5})"}, turn=1),
            ev("error", {"message": f"Investigation cancelled by user. Contact {EMAIL1}, token {JWT}"}, turn=1)]
    return {"id": "8f448893-3181-4528-ac00-c154e5422775", "_docType": "session", "scenario": "telco-noc",
            "alert_text": f"ALERT LINK-SYD-CBR-FIBRE-02 down; raised by {NAME1}", "status": "cancelled",
            "created_at": T0, "updated_at": ts(130), "event_log": log, "steps": steps, "diagnosis": diagnosis,
            "run_meta": {"steps": 3, "tokens": 4200, "time": "41.3s", "operator": EMAIL2},
            "error_detail": f"Investigation cancelled by user. Contact {EMAIL1}", "thread_id": "thread_8f448893", "turn_count": 1}


def second_generation():
    s1 = step(1, "dispatch_field_engineer", f"Dispatch {NAME2}", f"Field engineer {NAME2} dispatched (DSP-2026-00043).",
              id="tc-1", is_action=True, action=action(NAME2, EMAIL2, PHONE2, "DSP-2026-00043"),
              sub_steps=[{"index": 1, "query": f"lookup {EMAIL2}", "result_summary": f"found {PHONE2}", "agent": "Directory"}])
    s2 = step(2, "RunbookKBAgent", f"runbook with {GHP}", f"FAILED: [401] Unauthorized for Bearer {BEARER}", id="tc-2", error=True,
              visualizations=[{"type": "documents", "data": {"content": f"Runbook owner: {NAME2} ({EMAIL2}), {PHONE5}",
                                                              "agent": "AzureAISearch", "citations": [{"title": f"Contacts of {NAME2}", "url": SAS_URL}]}}])
    log = [ev("user_message", {"text": f"Alert from {EMAIL4}: BGP flap, {PHONE4}"}, turn=0),
           ev("run.start", {}, timestamp=T0),
           ev("session.created", {"thread_id": "thread_v2"}),
           ev("status", {"message": f"Paging {NAME2} at {PHONE2}, toll free {PHONE6}"}),
           ev("tool_call.start", {"id": "tc-1", "step": 1, "agent": "dispatch_field_engineer", "query": f"Dispatch {NAME2}", "timestamp": ts(11)}),
           ev("tool_call.complete", s1),
           ev("tool_call.start", {"id": "tc-2", "step": 2, "agent": "RunbookKBAgent", "query": "runbook", "timestamp": ts(12)}),
           ev("tool_call.complete", s2),
           ev("tool_call.start", {"id": "tc-3", "step": 3, "agent": "TelemetryAgent", "query": f"in flight for {EMAIL3}",
                                  "reasoning": f"uses {CONN_BUS}", "timestamp": ts(13)}),
           ev("message.start", {"id": "m1"}),
           ev("message.delta", {"id": "m1", "text": f"Partial answer: {NAME2} was dispatched, reach her at {EMAIL2} or {PHONE2}"}),
           ev("error", {"message": f"Agent run interrupted — A backend query returned an error. 2 steps completed before the error. Retried 2 times.\n\nError detail: [401] key {HEXKEY1} rejected for {EMAIL3}"})]
    return {"id": "v2-session-0001", "_docType": "session", "scenario": "telco-noc",
            "alert_text": f"Alert from {EMAIL4}", "status": "failed", "created_at": T0, "updated_at": ts(60),
            "event_log": log, "steps": [s1, s2], "error_detail": "", "thread_id": None, "turn_count": 0}


def chunked():
    events = [ev("user_message", {"text": f"Chunked alert for {EMAIL1}"}, turn=0),
              ev("run_start", {"run_id": "r", "timestamp": T0}),
              ev("step_complete", step(1, "dispatch_field_engineer", "dispatch", f"{NAME1} dispatched", is_action=True,
                                        action=action(NAME1, EMAIL1, PHONE1, "DSP-2026-00044"))),
              ev("message", {"text": f"Done: {NAME1} ({PHONE1}) on site; key {CONN_ODBC}"}),
              ev("run_complete", {"steps": 1, "tokens": 10, "time": "2.0s"})]
    manifest = {"id": "chunked-0001", "_docType": "session", "scenario": "telco-noc", "alert_text": f"Chunked alert for {EMAIL1}",
                "status": "completed", "created_at": T0, "updated_at": ts(30), "chunk_count": 2,
                "chunk_ids": ["chunked-0001:chunk-0", "chunked-0001:chunk-1"], "error_detail": "", "turn_count": 0}
    c0 = {"id": "chunked-0001:chunk-0", "_docType": "session_chunk", "session_id": "chunked-0001", "scenario": "telco-noc",
          "chunk_index": 0, "events": events[:3]}
    c1 = {"id": "chunked-0001:chunk-1", "_docType": "session_chunk", "session_id": "chunked-0001", "scenario": "telco-noc",
          "chunk_index": 1, "events": events[3:]}
    return [c1, manifest, c0]


def legacy_and_interaction():
    legacy = {"id": "legacy-0001", "scenario": "telco-noc", "alert_text": f"Legacy alert {PHONE3}", "status": "completed",
              "created_at": T0, "updated_at": ts(5),
              "event_log": [ev("user_message", {"text": f"Legacy alert {PHONE3}"}, turn=0),
                            ev("run_start", {"run_id": "r", "timestamp": T0}),
                            ev("mystery_event", {"x": 1}),
                            ev("step_complete", "{not json " + EMAIL3),
                            ev("message", {"text": f"Server restart; storage {CONN_STORAGE}"})],
              "error_detail": f"Password={PASSWORD} leaked in logs; runbook https://runbooks.example/owner?c={ENCODED_EMAIL}; "
                              f"old string Server=db;Password=\"{QUOTED_PASSWORD}\";"}
    interaction = {"id": "interaction-0001", "_docType": "interaction", "scenario": "telco-noc",
                   "query": f"Who is on call? ({EMAIL4})", "created_at": T0,
                   "steps": [step(1, "dispatch_field_engineer", "dispatch", f"{NAME2} dispatched", is_action=True,
                                  action=action(NAME2, EMAIL2, PHONE2, "DSP-2026-00045"))],
                   "diagnosis": f"{NAME2} ({EMAIL2}, {PHONE2}) is on call; rotate {SK}.",
                   "run_meta": {"steps": 1, "tokens": 5, "time": "1.0s", "by": EMAIL4}}
    return [legacy, interaction]


def main():
    docs = [first_generation(), second_generation()] + chunked() + legacy_and_interaction()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "redaction-hostile.json"), "w") as f:
        json.dump(docs, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(OUT, "redaction-hostile.planted.json"), "w") as f:
        json.dump({"sessions": 5, "planted": PLANTED, "kept": KEPT}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
