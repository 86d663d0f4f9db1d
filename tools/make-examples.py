#!/usr/bin/env python3
"""Write examples/noc-export.json: a small, realistic Cosmos container export.

    python3 tools/make-examples.py [--out examples/noc-export.json]

The output is what Data Explorer gives for `SELECT * FROM c` on the
`interactions` container (see FORMAT.md §1): one JSON array of documents with
Cosmos system properties, pretty-printed with a 4-space indent. Event `data`
fields are strings holding JSON, exactly as the backend stores them.

Documents, in order:
  1. single-turn completed investigation with table, graph and documents
     visualizations and a dispatch_field_engineer action;
  2. multi-turn session (initial turn + two follow-ups), completed;
  3. failed: a sub-agent query times out twice ("Agent run interrupted");
  4. cancelled by the operator;
  5. failed by startup recovery (server restart, one step still in flight);
  6. legacy session (no _docType, no user_message), "completed" with an
     error_detail (completed with errors under the current rules);
  7. one saved interaction record.

Standard library only, and deterministic: the same bytes on every run.
"""
import argparse
import base64
import json
import math
import os
import random
import struct
import sys
import textwrap
import uuid
from datetime import datetime, timedelta, timezone

RNG = random.Random(20260220)
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

# Cosmos resource ids: database eY8oAA==, collection eY8oAJ3t2Qg= (8 bytes);
# a document's _rid is the collection's 8 bytes plus an 8-byte document key.
COLL_RID = base64.b64decode("eY8oAJ3t2Qg=")
SELF_PREFIX = "dbs/eY8oAA==/colls/eY8oAJ3t2Qg=/docs/"


def md(text):
    """Markdown literal written indented in the source: dedent and trim."""
    return textwrap.dedent(text).strip("\n")


def iso(dt):
    """Python isoformat() of an aware UTC datetime (always with microseconds here)."""
    if dt.microsecond == 0:
        dt += timedelta(microseconds=1)
    return dt.isoformat()


def utc(y, mo, d, h, mi, s, us):
    return datetime(y, mo, d, h, mi, s, us, tzinfo=timezone.utc)


def new_uuid():
    return str(uuid.UUID(int=RNG.getrandbits(128), version=4))


def agent_id(prefix):
    return prefix + "_" + "".join(RNG.choice(ALNUM) for _ in range(24))


def cosmos_props(doc_key, written):
    """System properties of a document last written at `written` (a datetime)."""
    ts = math.ceil(written.timestamp())
    rid = base64.b64encode(COLL_RID + struct.pack("<Q", doc_key)).decode()
    return {
        "_rid": rid,
        "_self": f"{SELF_PREFIX}{rid}/",
        "_etag": f'"{RNG.getrandbits(32):08x}-0000-0800-0000-{ts:x}0000"',
        "_attachments": "attachments/",
        "_ts": ts,
    }


class SessionLog:
    """Builds one session's event_log the way the orchestrator streams it."""

    def __init__(self, created):
        self.created = created
        self.t = created
        self.events = []
        self.steps = []                 # every step_complete payload, all turns
        self.turn = 0
        self.tk = None                  # `turn` key of orchestrator events (None on turn 0)
        self.turn_start = created
        self.turn_steps = 0
        self.diagnosis = ""
        self.run_meta = None

    # -- clock -------------------------------------------------------------
    def advance(self, seconds):
        self.t += timedelta(seconds=seconds, microseconds=RNG.randint(1, 999_999))
        return self.t

    # -- raw events ----------------------------------------------------------
    def emit(self, name, payload, turn=None, timestamp=None):
        ev = {"event": name, "data": json.dumps(payload)}
        if turn is not None:
            ev["turn"] = turn
        if timestamp is not None:
            ev["timestamp"] = timestamp
        self.events.append(ev)

    def emit_user(self, text, turn, timestamp=None):
        # The backend pushes {"event", "turn", "data"} for user messages.
        ev = {"event": "user_message", "turn": turn, "data": json.dumps({"text": text})}
        if timestamp is not None:
            ev["timestamp"] = timestamp
        self.events.append(ev)

    # -- turn structure ------------------------------------------------------
    def begin_turn(self, turn, text, user_message=True, user_timestamp=False, thread_id=None):
        self.turn = turn
        self.tk = None if turn == 0 else turn
        if user_message:
            self.emit_user(text, turn, iso(self.t) if user_timestamp else None)
        self.advance(0.2)
        self.turn_start = self.t
        self.turn_steps = 0
        self.emit("run_start", {"run_id": agent_id("run"), "alert": text, "timestamp": iso(self.t)}, self.tk)
        if thread_id is not None:
            self.advance(0.6)
            self.emit("thread_created", {"thread_id": thread_id}, self.tk)

    def thinking(self, status, agent="Orchestrator"):
        self.advance(0.3)
        self.emit("step_thinking", {"agent": agent, "status": status}, self.tk)

    def step(self, agent, query, response=None, dur=5.0, reasoning=None, viz=None,
             error=False, action=None, announce=False, gap=1.5, in_flight=False):
        if announce:
            self.thinking(f"Calling {agent}...")
        self.advance(gap)
        n = self.turn_steps + 1
        start = self.t
        self.emit("step_start", {"agent": agent}, self.tk)
        started = {"step": n, "agent": agent, "query": query, "timestamp": iso(start)}
        if reasoning:
            started["reasoning"] = reasoning
        self.emit("step_started", started, self.tk)
        if in_flight:
            return None
        end = self.advance(dur)
        payload = {"step": n, "agent": agent, "duration": f"{(end - start).total_seconds():.1f}s",
                   "query": query, "response": response, "timestamp": iso(end)}
        if reasoning:
            payload["reasoning"] = reasoning
        if error:
            payload["error"] = True
        if viz:
            payload["visualizations"] = viz
        if action is not None:
            action["dispatch_time"] = iso(end)
            payload["is_action"] = True
            payload["action"] = action
        self.emit("step_response", payload, self.tk)
        self.emit("step_complete", payload, self.tk)
        if action is not None:
            self.emit("action_executed", {"step": n, "action_name": "dispatch_field_engineer",
                                          "action_data": action, "timestamp": iso(end)}, self.tk)
        self.steps.append(payload)
        self.turn_steps = n
        return payload

    def message(self, text, think=8.0):
        self.advance(think)
        self.emit("message", {"text": text}, self.tk)
        self.diagnosis = text

    def run_complete(self, tokens):
        self.advance(0.05)
        meta = {"steps": self.turn_steps, "tokens": tokens,
                "time": f"{(self.t - self.turn_start).total_seconds():.1f}s"}
        self.emit("run_complete", meta, self.tk)
        self.run_meta = meta

    def error(self, message):
        self.advance(0.2)
        self.emit("error", {"message": message}, self.tk)

    def status_change(self, status, message):
        self.advance(0.1)
        self.emit("status_change", {"status": status, "message": message}, self.tk)


def session_doc(key, sid, scenario, alert, status, log, *, thread_id, turn_count,
                diagnosis, run_meta, error_detail, legacy=False, written_after=1.4):
    updated = log.t + timedelta(microseconds=RNG.randint(800, 9_000))
    written = updated + timedelta(seconds=written_after)
    doc = {
        "id": sid,
        "scenario": scenario,
        "alert_text": alert,
        "status": status,
        "created_at": iso(log.created),
        "updated_at": iso(updated),
        "event_log": log.events,
        "steps": log.steps,
        "diagnosis": diagnosis,
        "run_meta": run_meta,
        "error_detail": error_detail,
        "thread_id": thread_id,
        "turn_count": turn_count,
    }
    if not legacy:
        doc["_docType"] = "session"
    doc.update(cosmos_props(key, written))
    return doc


def interrupted(n, detail):
    return (f"Agent run interrupted — A backend query returned an error. {n} steps completed "
            f"before the error. Retried 2 times.\n\nError detail: {detail}")


RESTART = "Session was in progress when the server restarted. The investigation cannot be resumed."
KB = "https://kb.noc.example"


# ---------------------------------------------------------------------------
# 1. Single-turn completed investigation: optical degradation, field dispatch
# ---------------------------------------------------------------------------
def doc_optical():
    alert = ("Optical power degradation on LINK-SYD-CBR-FIBRE-02: Rx -24.7 dBm at CORE-CBR-01 "
             "Hu0/0/0/4 (low-alarm threshold -22.0 dBm), post-FEC errors rising")
    sid, thread = new_uuid(), agent_id("thread")
    log = SessionLog(utc(2026, 2, 20, 10, 1, 2, 345678))
    log.begin_turn(0, alert, thread_id=thread)

    gql = ("MATCH (r:CoreRouter)-[:CONNECTS_TO]->(l:TransportLink) "
           "WHERE l.LinkId IN ['LINK-SYD-CBR-FIBRE-01', 'LINK-SYD-CBR-FIBRE-02'] "
           "RETURN r.RouterId, l.LinkId, l.CapacityGbps, l.Status, l.UtilisationPct")
    log.step(
        "GraphExplorerAgent",
        "Find the routers, interfaces, splice points and dependent services for transport link "
        "LINK-SYD-CBR-FIBRE-02, and any alternate path between CORE-SYD-01 and CORE-CBR-01",
        md("""
            Topology for **LINK-SYD-CBR-FIBRE-02** (100G, DWDM channel 34, 287 km route):

            | End | Router | Interface | Optic |
            |---|---|---|---|
            | A | CORE-SYD-01 | Hu0/0/0/4 | QSFP28 100G-ZR4 |
            | Z | CORE-CBR-01 | Hu0/0/0/4 | QSFP28 100G-ZR4 |

            Physical path: Alexandria POP → Campbelltown ILA → Mittagong ILA → **SPL-GLB-03** (Goulburn) → Collector ILA → Fyshwick POP.

            - Alternate path: **LINK-SYD-CBR-FIBRE-01** (100G, diverse route via Bungendore), status `up`, 58.4% utilised.
            - Services with FIBRE-02 as primary: VPN-ENT-04 (NSW Health WAN), VPN-CUST-11 (ATO Secure Link), VPN-BB-02.
            - If FIBRE-02 fails, FIBRE-01 would carry ~99.6 Gbps peak: **no headroom** at the evening peak.
        """),
        dur=4.6, announce=True,
        reasoning="Establish the physical path and what rides on the link before looking at optical telemetry.",
        viz=[{"type": "graph", "data": {
            "columns": [{"name": "r.RouterId", "type": "String"}, {"name": "l.LinkId", "type": "String"},
                        {"name": "l.CapacityGbps", "type": "Int"}, {"name": "l.Status", "type": "String"},
                        {"name": "l.UtilisationPct", "type": "Float"}],
            "data": [
                {"r.RouterId": "CORE-SYD-01", "l.LinkId": "LINK-SYD-CBR-FIBRE-02", "l.CapacityGbps": 100, "l.Status": "degraded", "l.UtilisationPct": 41.2},
                {"r.RouterId": "CORE-CBR-01", "l.LinkId": "LINK-SYD-CBR-FIBRE-02", "l.CapacityGbps": 100, "l.Status": "degraded", "l.UtilisationPct": 41.2},
                {"r.RouterId": "CORE-SYD-01", "l.LinkId": "LINK-SYD-CBR-FIBRE-01", "l.CapacityGbps": 100, "l.Status": "up", "l.UtilisationPct": 58.4},
                {"r.RouterId": "CORE-CBR-01", "l.LinkId": "LINK-SYD-CBR-FIBRE-01", "l.CapacityGbps": 100, "l.Status": "up", "l.UtilisationPct": 58.4},
            ],
            "query": gql}}])

    kql = md("""
        LinkTelemetry
        | where LinkId == 'LINK-SYD-CBR-FIBRE-02' and Timestamp > ago(12h)
        | summarize RxDbm = avg(OpticalRxDbm), TxDbm = avg(OpticalTxDbm), LossPct = max(PacketLossPct) by bin(Timestamp, 1h)
        | order by Timestamp asc
    """)
    rows = [("2026-02-19T22:00:00Z", -8.1, 1.2, 0.0), ("2026-02-20T01:00:00Z", -8.2, 1.2, 0.0),
            ("2026-02-20T03:00:00Z", -13.4, 1.2, 0.0), ("2026-02-20T05:00:00Z", -13.7, 1.2, 0.0),
            ("2026-02-20T06:00:00Z", -19.8, 1.2, 0.0), ("2026-02-20T08:00:00Z", -20.1, 1.2, 0.02),
            ("2026-02-20T09:00:00Z", -24.6, 1.1, 0.38), ("2026-02-20T10:00:00Z", -24.7, 1.1, 0.41)]
    log.step(
        "TelemetryAgent",
        "Get optical Rx/Tx power, pre-FEC BER and packet loss for LINK-SYD-CBR-FIBRE-02 over the last 12 hours",
        md("""
            Executed against `LinkTelemetry` (Eventhouse `noc-telemetry`):

            ```kql
            """) + "\n" + kql + "\n" + md("""
            ```

            Rx power at CORE-CBR-01 fell in **three steps** while Tx at CORE-SYD-01 stayed at +1.2 dBm:

            | Window (UTC) | Rx dBm | Tx dBm | Pre-FEC BER | Loss % |
            |---|---:|---:|---:|---:|
            | 22:00–03:00 | -8.1 | +1.2 | 2.1e-9 | 0.00 |
            | 03:00–06:00 | -13.6 | +1.2 | 4.8e-7 | 0.00 |
            | 06:00–08:40 | -19.9 | +1.2 | 3.3e-5 | 0.02 |
            | 08:40–now | -24.7 | +1.1 | 1.9e-3 | 0.41 |

            - Span loss grew from 9.3 dB to 25.8 dB (**+16.5 dB**), with no change at the Tx end.
            - Post-FEC errors since 08:52 UTC; FEC margin is now < 1 dB, so a full LOS is likely within hours.
            - Sensor SENS-CBR-OPT-003 (Mittagong ILA) is nominal; SENS-CBR-OPT-004 (Goulburn) shows the same drop.
        """),
        dur=7.9, announce=True,
        reasoning="Confirm whether the loss is at the transmitter, the receiver or in the fibre plant.",
        viz=[{"type": "table", "data": {
            "columns": [{"name": "Timestamp", "type": "datetime"}, {"name": "LinkId", "type": "string"},
                        {"name": "OpticalRxDbm", "type": "real"}, {"name": "OpticalTxDbm", "type": "real"},
                        {"name": "PacketLossPct", "type": "real"}],
            "rows": [{"Timestamp": ts, "LinkId": "LINK-SYD-CBR-FIBRE-02", "OpticalRxDbm": rx,
                      "OpticalTxDbm": tx, "PacketLossPct": loss} for ts, rx, tx, loss in rows],
            "query": kql}}])

    runbook = md("""
        **RB-OPT-007 — Optical levels out of range on DWDM transport**

        1. Compare Tx at the far end with Rx at the near end. Stable Tx and falling Rx means loss in the fibre plant, not the optic.
        2. A step increase of more than **3 dB** in span loss: suspect a macrobend, a crushed duct or a failing splice.
        3. Check in-line sensors to localise the section; request an OTDR trace from the nearest splice enclosure.
        4. If post-FEC errors are present, pre-emptively raise the IS-IS metric to drain traffic only if the alternate path has headroom.
        5. Dispatch a field engineer with OTDR and splice kit (urgency *high* when the link is the last protected path).
    """)
    log.step(
        "RunbookKBAgent",
        "Runbook for optical power degradation on a DWDM transport link with stable Tx and falling Rx",
        md("""
            The most relevant runbook is **RB-OPT-007 "Optical levels out of range on DWDM transport"** (score 0.93).

            Key steps for this case:

            1. Stable far-end Tx with falling near-end Rx → fault is in the fibre plant.
            2. A step change > 3 dB → macrobend, duct damage or a failing splice.
            3. Use in-line sensors to localise, then OTDR from the nearest splice enclosure.
            4. Drain traffic only if the alternate path has headroom (it does **not** here at peak).
            5. Dispatch with OTDR + splice kit, urgency *high*.

            Also relevant: RB-OPT-002 §4.1 "Fusion splice inspection".
        """),
        dur=3.8, gap=1.1,
        viz=[{"type": "documents", "data": {
            "content": runbook, "agent": "RunbookKBAgent",
            "citations": [{"title": "RB-OPT-007 Optical levels out of range §2.1", "url": f"{KB}/runbooks/RB-OPT-007#2.1"},
                          {"title": "RB-OPT-002 Fusion splice inspection §4.1", "url": f"{KB}/runbooks/RB-OPT-002#4.1"}],
            "searchHits": 6, "indexName": "runbooks-index"}}])

    log.step(
        "HistoricalTicketAgent",
        "Past incidents on LINK-SYD-CBR-FIBRE-02 or the Goulburn splice enclosures in the last 12 months",
        md("""
            Found **3** related incidents:

            | Ticket | Opened | Entity | Resolution | MTTR |
            |---|---|---|---|---:|
            | INC482913 | 2025-08-14 | SPL-GLB-03 | fibre re-spliced after council roadworks | 7h |
            | INC455201 | 2025-05-02 | LINK-SYD-CBR-FIBRE-02 | ZR4 optic replaced at CORE-CBR-01 | 3h |
            | INC430877 | 2025-03-19 | SPL-GLB-02 | enclosure resealed, water ingress | 11h |

            INC482913 had the same signature: stepwise Rx drop over ~6 h, Tx stable, loss localised between Mittagong and Collector.
        """),
        dur=5.2, announce=True)

    log.step(
        "AzureAISearch",
        "Access details and coordinates for splice enclosure SPL-GLB-03 on LINK-SYD-CBR-FIBRE-02",
        md("""
            **SPL-GLB-03** — pit-mounted enclosure, Hume Hwy southbound service road, 2.4 km south of Goulburn (route km 191).

            - Coordinates: -34.77412, 149.70318
            - Access: gate padlock code in the field-ops vault; 4WD recommended after rain.
            - Contains 2 × 48F trays; LINK-SYD-CBR-FIBRE-02 uses tray 1, fibres 13/14.
            - Nearest depot with OTDR: Goulburn field depot (22 min).
        """),
        dur=2.9, gap=0.9)

    action = {
        "status": "dispatched",
        "dispatch_id": "DSP-48213",
        "dispatch_time": None,
        "engineer": {"name": "Mia Nguyen", "email": "mia.nguyen@fieldops.example", "phone": "+61 412 884 190"},
        "destination": {"description": "Splice enclosure SPL-GLB-03, Hume Hwy service road, 2.4 km south of Goulburn NSW",
                        "latitude": -34.77412, "longitude": 149.70318,
                        "maps_link": "https://www.google.com/maps?q=-34.77412,149.70318"},
        "urgency": "high",
        "sensor_ids": ["SENS-CBR-OPT-004", "SENS-CBR-OPT-003"],
        "email_subject": "URGENT: OTDR + splice inspection at SPL-GLB-03 (LINK-SYD-CBR-FIBRE-02)",
        "email_body": ("Hi Mia,\n\nLINK-SYD-CBR-FIBRE-02 has lost 16.5 dB of span margin since 03:00 UTC and is "
                       "now taking post-FEC errors. Sensors localise the loss between Mittagong ILA and Collector ILA; "
                       "SPL-GLB-03 (tray 1, fibres 13/14) is the prime suspect (see INC482913).\n\n"
                       "Please take the OTDR and splice kit, shoot from SPL-GLB-03 towards Collector first, and call "
                       "the NOC on arrival.\n\nThanks,\nNOC Sydney"),
    }
    log.step(
        "dispatch_field_engineer",
        "Dispatch a field engineer with OTDR to SPL-GLB-03 (Goulburn) for LINK-SYD-CBR-FIBRE-02, "
        "sensors SENS-CBR-OPT-004 and SENS-CBR-OPT-003, urgency high",
        "Field engineer Mia Nguyen dispatched (DSP-48213). ETA to SPL-GLB-03: 1h 50m.",
        dur=1.6, action=action, announce=True,
        reasoning="Fibre plant fault with no protection headroom at peak: the runbook calls for an on-site OTDR.")

    log.message(md("""
        ## Diagnosis: optical power degradation on LINK-SYD-CBR-FIBRE-02

        **Severity:** P2 — major (link still up, protection path has no peak headroom)  
        **Confidence:** 86%

        ### Root cause

        Progressive loss in the **fibre plant** between Mittagong ILA and Collector ILA, most likely a
        failing splice or macrobend at **SPL-GLB-03** (Goulburn). Tx at CORE-SYD-01 is stable at +1.2 dBm
        while Rx at CORE-CBR-01 fell in three steps from -8.1 dBm to -24.7 dBm (+16.5 dB span loss).

        ### Evidence

        - **TelemetryAgent**: stepwise Rx drop at 03:00, 06:00 and 08:40 UTC; post-FEC errors since 08:52 UTC.
        - **Sensors**: SENS-CBR-OPT-003 (Mittagong) nominal, SENS-CBR-OPT-004 (Goulburn) degraded.
        - **HistoricalTicketAgent**: INC482913 (Aug 2025) had the same signature at SPL-GLB-03.
        - **GraphExplorerAgent**: no other link shares the duct between Mittagong and Collector.

        ### Impact

        | Service | Customer | Path today | Protection |
        |---|---|---|---|
        | VPN-ENT-04 | NSW Health WAN | FIBRE-02 | FIBRE-01 |
        | VPN-CUST-11 | ATO Secure Link | FIBRE-02 | FIBRE-01 |

        If FIBRE-02 goes dark at the evening peak, FIBRE-01 would run at ~99.6% and drop traffic.

        ### Actions taken

        1. Field engineer **Mia Nguyen** dispatched (DSP-48213), ETA 1h 50m, with OTDR and splice kit.

        ### Recommended actions

        1. Do **not** drain FIBRE-02 before 19:00 AEDT unless Rx drops below -26 dBm (FEC limit).
        2. Ask the engineer to shoot OTDR from SPL-GLB-03 towards Collector first.
        3. Raise a proactive notice for NSW Health WAN and ATO Secure Link.
        4. Watch the optic live while on site:

        ```
        CORE-CBR-01# show controllers optics 0/0/0/4 | include "Rx Power|Tx Power|FEC"
          Tx Power: 1.10 dBm
          Rx Power: -24.70 dBm  (low alarm -22.00 dBm)
          FEC corrected words: 1.9e-3 BER, uncorrected: 4112
        ```
    """))
    log.run_complete(tokens=38412)
    return session_doc(0x1F3, sid, "telco-noc", alert, "completed", log, thread_id=thread, turn_count=0,
                       diagnosis=log.diagnosis, run_meta=log.run_meta, error_detail="")


# ---------------------------------------------------------------------------
# 2. Multi-turn session: BGP flaps, two follow-ups
# ---------------------------------------------------------------------------
def doc_bgp():
    alert = "BGP session flapping on PE-MEL-02 — 14 resets in 10 min, peers via LINK-MEL-ADL-FIBRE-01"
    sid, thread = new_uuid(), agent_id("thread")
    log = SessionLog(utc(2026, 2, 21, 2, 14, 37, 118204))
    log.begin_turn(0, alert, thread_id=thread)

    log.step(
        "GraphExplorerAgent",
        "List BGP peers of PE-MEL-02 and the transport links each session traverses",
        md("""
            PE-MEL-02 has **4** iBGP sessions (AS 64512, route reflectors and core):

            | Peer | Address | Transport | Flapping |
            |---|---|---|---|
            | CORE-ADL-01 | 10.255.0.21 | LINK-MEL-ADL-FIBRE-01 | yes |
            | CORE-MEL-01 | 10.255.0.11 | local (Hu0/0/0/1) | no |
            | CORE-MEL-02 | 10.255.0.12 | local (Hu0/0/0/2) | no |
            | CORE-SYD-02 | 10.255.0.32 | LINK-MEL-SYD-FIBRE-02 | no |

            Only sessions riding **LINK-MEL-ADL-FIBRE-01** (Hu0/0/0/7) flap. LINK-MEL-ADL-FIBRE-02 is up with 37% utilisation.
        """),
        dur=4.1, announce=True,
        viz=[{"type": "graph", "data": {
            "columns": [{"name": "p.RouterId", "type": "String"}, {"name": "s.PeerAddress", "type": "String"},
                        {"name": "l.LinkId", "type": "String"}, {"name": "s.State", "type": "String"}],
            "data": [
                {"p.RouterId": "CORE-ADL-01", "s.PeerAddress": "10.255.0.21", "l.LinkId": "LINK-MEL-ADL-FIBRE-01", "s.State": "Idle"},
                {"p.RouterId": "CORE-MEL-01", "s.PeerAddress": "10.255.0.11", "l.LinkId": None, "s.State": "Established"},
                {"p.RouterId": "CORE-MEL-02", "s.PeerAddress": "10.255.0.12", "l.LinkId": None, "s.State": "Established"},
                {"p.RouterId": "CORE-SYD-02", "s.PeerAddress": "10.255.0.32", "l.LinkId": "LINK-MEL-SYD-FIBRE-02", "s.State": "Established"},
            ],
            "query": ("MATCH (pe:PERouter {RouterId: 'PE-MEL-02'})-[s:BGP_PEER]->(p:Router) "
                      "OPTIONAL MATCH (pe)-[:CONNECTS_TO]->(l:TransportLink)<-[:CONNECTS_TO]-(p) "
                      "RETURN p.RouterId, s.PeerAddress, l.LinkId, s.State")}}])

    log.step(
        "TelemetryAgent",
        "Show BGP/BFD state changes and interface error counters for PE-MEL-02 Hu0/0/0/7 over the last 2 hours",
        md("""
            ```kql
            RouterEvents
            | where RouterId == 'PE-MEL-02' and Timestamp > ago(2h)
            | where EventType in ('BFD_DOWN', 'BGP_ADJCHANGE')
            | join kind=leftouter (InterfaceCounters | where Interface == 'Hu0/0/0/7') on $left.Timestamp == $right.Timestamp
            | project Timestamp, EventType, Peer, PreFecBer, CrcErrors
            ```

            - 14 `BFD_DOWN` events (300 ms × 3 timers) since 01:58 UTC, each followed by a BGP reset to 10.255.0.21.
            - Every BFD drop coincides with a **pre-FEC BER burst** above 1e-3 lasting 0.6–1.4 s.
            - Rx power on Hu0/0/0/7 oscillates between -9.8 and -17.2 dBm with a ~40 s period.
            - No CPU or memory pressure on PE-MEL-02 (CPU 23%).
        """),
        dur=9.3, reasoning="BGP resets with hold-timer or BFD drops point at transport, not the control plane; check both.")

    log.step(
        "HistoricalTicketAgent",
        "Similar tickets to: BGP flapping over LINK-MEL-ADL-FIBRE-01 with BER bursts",
        md("""
            **INC471120** (2025-11-03): BGP flaps PE-MEL-02 ↔ CORE-ADL-01. Root cause: gain instability of
            in-line amplifier **AMP-HSM-01** (Horsham). Fixed by vendor RMA of the EDFA card; MTTR 19h.

            **INC463388** (2025-09-21): BFD flaps on LINK-MEL-ADL-FIBRE-02, dirty connector at CORE-ADL-01; MTTR 4h.
        """),
        dur=4.4, announce=True)

    log.step(
        "RunbookKBAgent",
        "Runbook for BGP flap caused by transport bit errors",
        md("""
            **RB-BGP-004 "BGP flapping — transport-induced"**:

            1. Confirm BFD is the trigger (`show bfd session` → `Last Down Diag: Control Detection Time Expired`).
            2. Cost out the affected link: raise IS-IS metric to 16777214 on both ends.
            3. Open a transport fault with the optical team; check in-line amplifiers on the span.
            4. Leave BFD timers unchanged (do not mask the fault).
        """),
        dur=3.2, gap=1.0)

    log.message(md("""
        ## Diagnosis: BGP flaps on PE-MEL-02 caused by bit errors on LINK-MEL-ADL-FIBRE-01

        **Severity:** P2 — major  
        **Confidence:** 81%

        ### Root cause

        Periodic **pre-FEC BER bursts** on LINK-MEL-ADL-FIBRE-01 drop BFD (3 × 300 ms), which tears down the
        iBGP session PE-MEL-02 ↔ CORE-ADL-01. The ~40 s Rx oscillation matches the gain instability of
        in-line amplifier **AMP-HSM-01** seen in INC471120.

        ### Evidence

        - 14 BFD drops since 01:58 UTC, each aligned with a BER burst above 1e-3.
        - Only sessions over FIBRE-01 flap; local and FIBRE-02 sessions are stable.
        - CPU 23% on PE-MEL-02: not a control-plane problem.

        ### Recommended actions

        1. Cost out FIBRE-01 (RB-BGP-004 step 2); FIBRE-02 has headroom (37% utilised).
        2. Open a transport fault for AMP-HSM-01 and request the vendor EDFA diagnostics.
        3. Keep BFD timers as they are.

        ```
        router isis CORE
         interface HundredGigE0/0/0/7
          address-family ipv4 unicast
           metric 16777214
        ```
    """))
    log.run_complete(tokens=29877)

    # -- follow-up 1 --------------------------------------------------------
    log.advance(214.0)
    log.begin_turn(1, "Is CORE-ADL-01 also affected? Check its BGP peers.", user_timestamp=True)
    log.step(
        "TelemetryAgent",
        "BGP neighbor summary and flap counts for CORE-ADL-01 over the last 2 hours",
        md("""
            | Neighbor | Router | Up/Down | Flaps (2h) | Transport |
            |---|---|---|---:|---|
            | 10.255.1.2 | PE-MEL-02 | 00:00:41 | 14 | LINK-MEL-ADL-FIBRE-01 |
            | 10.255.0.11 | CORE-MEL-01 | 41d07h | 0 | LINK-MEL-ADL-FIBRE-02 |
            | 10.255.0.41 | CORE-PER-01 | 12d19h | 0 | LINK-PER-ADL-FIBRE-01 |
            | 10.255.0.51 | PE-ADL-01 | 63d02h | 0 | local |

            CORE-ADL-01 sees the **same 14 resets**, all on the session over FIBRE-01. Its own interfaces are clean
            (Hu0/0/0/3 CRC 0/min outside the bursts).
        """),
        dur=6.8, announce=True)
    log.step(
        "GraphExplorerAgent",
        "Which routes from CORE-ADL-01 would move to LINK-MEL-ADL-FIBRE-02 if FIBRE-01 is costed out, and is there capacity?",
        md("""
            Costing out FIBRE-01 moves **31.5 Gbps** (peak 44 Gbps) onto LINK-MEL-ADL-FIBRE-02.

            - FIBRE-02: 100G, 37% utilised → projected 68% peak.
            - No SRLG shared with FIBRE-01 between Horsham and Murray Bridge (diverse duct via Bordertown).
        """),
        dur=3.9)
    log.message(md("""
        ## CORE-ADL-01: affected only through LINK-MEL-ADL-FIBRE-01

        CORE-ADL-01 is **not** faulty itself: its only unstable session is the one to PE-MEL-02 over FIBRE-01
        (14 resets), mirroring PE-MEL-02. Sessions to CORE-MEL-01, CORE-PER-01 and PE-ADL-01 are stable.

        ### Capacity check

        - Costing out FIBRE-01 shifts ~31.5 Gbps to FIBRE-02 → **68%** projected peak: safe.
        - FIBRE-02 has no shared risk group with FIBRE-01.

        **Recommendation:** proceed with the cost-out on both PE-MEL-02 and CORE-ADL-01.
    """), think=6.0)
    log.run_complete(tokens=14209)

    # -- follow-up 2 --------------------------------------------------------
    log.advance(388.0)
    log.begin_turn(2, "What is the customer impact for Coles Retail VPN? Summarise for the shift handover.",
                   user_timestamp=True)
    log.step(
        "GraphExplorerAgent",
        "Which services of customer Coles Retail VPN depend on PE-MEL-02 or LINK-MEL-ADL-FIBRE-01?",
        md("""
            Customer **Coles Retail VPN** → service VPN-CUST-06 (L3VPN, 212 sites in VIC/SA).

            - 87 SA store sites are homed on PE-ADL-01 and reach the Melbourne DC via PE-MEL-02.
            - During each flap, BGP reconvergence took 2.8–4.1 s (PIC edge not enabled on VPN-CUST-06).
        """),
        dur=4.7, announce=True)
    log.step(
        "AzureAISearch",
        "SLA terms for Coles Retail VPN (VPN-CUST-06): availability target and outage notification rules",
        md("""
            Contract **MSA-COLES-2024 Schedule 3**: availability 99.95% per month; any loss of connectivity
            > 60 s to more than 10 sites is a *notifiable incident* within 30 min. Brief outages (< 5 s) are
            reported in the monthly service review only.
        """),
        dur=2.6, gap=0.8)
    log.message(md("""
        ## Shift handover — BGP flaps PE-MEL-02 / CORE-ADL-01

        **Status:** mitigation ready, root cause with the transport team  
        **Customer impact:** Coles Retail VPN (VPN-CUST-06), 87 SA stores, 14 outages of 2.8–4.1 s each

        ### Summary

        1. LINK-MEL-ADL-FIBRE-01 takes BER bursts from amplifier AMP-HSM-01 (Horsham), dropping BFD and iBGP.
        2. CORE-ADL-01 and PE-MEL-02 are healthy; only sessions over FIBRE-01 flap.
        3. FIBRE-02 can absorb the traffic (68% projected peak).

        ### Customer

        - Each outage is under 5 s: **not notifiable** under MSA-COLES-2024 Schedule 3; include in the monthly review.
        - Enable BGP PIC edge on VPN-CUST-06 to cut reconvergence below 1 s (change request needed).

        ### Open items for next shift

        - [ ] Cost out FIBRE-01 on PE-MEL-02 and CORE-ADL-01 (CHG pending approval).
        - [ ] Vendor case for AMP-HSM-01 EDFA card (ref. INC471120).
        - [ ] Confirm no further flaps 30 min after cost-out.
    """), think=7.0)
    log.run_complete(tokens=12655)
    return session_doc(0x21C, sid, "telco-noc", alert, "completed", log, thread_id=thread, turn_count=2,
                       diagnosis=log.diagnosis, run_meta=log.run_meta, error_detail="")


# ---------------------------------------------------------------------------
# 3. Failed: telemetry queries time out twice
# ---------------------------------------------------------------------------
def doc_failed():
    alert = "Link LINK-BNE-OOL-FIBRE-01 down — LOS alarm on SENS-OOL-OPT-002"
    sid, thread = new_uuid(), agent_id("thread")
    log = SessionLog(utc(2026, 2, 22, 18, 42, 9, 604311))
    log.begin_turn(0, alert, thread_id=thread)
    timeout = "[504] Gateway Timeout: upstream query exceeded 120s"

    log.step(
        "GraphExplorerAgent",
        "Find routers, interfaces and services on LINK-BNE-OOL-FIBRE-01 and the alternate path to AGG-OOL-01",
        md("""
            **LINK-BNE-OOL-FIBRE-01**: CORE-BNE-02 Hu0/0/0/9 ↔ AGG-OOL-01 Hu0/0/0/1, 100G, 78 km along the M1.

            - Alternate: LINK-BNE-OOL-FIBRE-02 (via Beenleigh), `up`, 44% utilised before the event.
            - 23 services re-routed at 18:39 UTC, including VPN-ENT-09 (Qantas Ops) and VPN-MGMT-03.
            - Sensor SENS-OOL-OPT-002 sits in the Coomera splice pit (route km 51).
        """),
        dur=5.1, announce=True)
    log.step(
        "TelemetryAgent",
        "Get Rx/Tx optical power and LOS events for LINK-BNE-OOL-FIBRE-01 over the last 6 hours",
        "FAILED: " + timeout, dur=121.4, error=True,
        reasoning="A clean LOS with both ends dark suggests a cut; confirm with the optical history.")
    log.thinking("Retrying investigation (attempt 2/2)...")
    log.step(
        "RunbookKBAgent",
        "Runbook for fibre cut triage on a metro DWDM link with LOS at one splice pit",
        md("""
            **RB-FIB-001 "Fibre cut triage"** (score 0.95):

            1. Confirm LOS at both ends and on the in-line sensor.
            2. Check for civil works permits on the route (Dial Before You Dig).
            3. Verify protection switched; check alternate path headroom.
            4. Dispatch with OTDR to the sensor's pit; shoot both directions.
        """),
        dur=3.4, gap=2.2)
    log.step(
        "TelemetryAgent",
        "Get Rx power for LINK-BNE-OOL-FIBRE-01 for the last 1 hour in 1-minute bins",
        "FAILED: " + timeout, dur=120.8, error=True, announce=True)
    msg = interrupted(log.turn_steps, timeout)
    log.error(msg)
    return session_doc(0x2A7, sid, "telco-noc", alert, "failed", log, thread_id=thread, turn_count=0,
                       diagnosis="", run_meta=None, error_detail=msg)


# ---------------------------------------------------------------------------
# 4. Cancelled by the operator
# ---------------------------------------------------------------------------
def doc_cancelled():
    alert = "High latency 340 ms on LINK-PER-ADL-FIBRE-02, customer BHP Remote Sites impacted"
    sid, thread = new_uuid(), agent_id("thread")
    log = SessionLog(utc(2026, 2, 23, 7, 5, 51, 27840))
    log.begin_turn(0, alert, thread_id=thread)
    log.step(
        "TelemetryAgent",
        "Latency, jitter and packet loss on LINK-PER-ADL-FIBRE-02 over the last 3 hours",
        md("""
            ```kql
            LinkTelemetry
            | where LinkId == 'LINK-PER-ADL-FIBRE-02' and Timestamp > ago(3h)
            | summarize avg(LatencyMs), percentile(LatencyMs, 95), max(PacketLossPct) by bin(Timestamp, 15m)
            ```

            | Window (UTC) | Avg ms | p95 ms | Loss % |
            |---|---:|---:|---:|
            | 04:00–06:00 | 47 | 49 | 0.0 |
            | 06:15–now | 338 | 352 | 0.1 |

            Latency jumped at **06:12 UTC** in one step — typical of a path change, not congestion (utilisation 22%).
        """),
        dur=6.2, announce=True)
    log.step(
        "GraphExplorerAgent",
        "Current path of LINK-PER-ADL-FIBRE-02 traffic and any link in maintenance on the Nullarbor route",
        md("""
            LINK-PER-ADL-FIBRE-01 (primary, via Eyre Hwy) is **admin-down** since 06:12 UTC.
            FIBRE-02 traffic now rides the protection wavelength via Kalgoorlie–Port Augusta (+2,900 km).
        """),
        dur=3.7)
    log.step(
        "HistoricalTicketAgent",
        "Change records or tickets touching LINK-PER-ADL-FIBRE-01 today",
        md("""
            **CHG0041877** — planned splice work on LINK-PER-ADL-FIBRE-01 at Ceduna, window
            06:00–12:00 UTC, customer notifications sent 2026-02-16 (BHP Remote Sites included).
        """),
        dur=2.9, announce=True)
    log.status_change("cancelling", "Cancellation requested by operator.")
    log.error("Investigation cancelled by user.")
    return session_doc(0x2E9, sid, "telco-noc", alert, "cancelled", log, thread_id=thread, turn_count=0,
                       diagnosis="", run_meta=None, error_detail="Investigation cancelled by user.")


# ---------------------------------------------------------------------------
# 5. Recovered as failed after a server restart (one step in flight)
# ---------------------------------------------------------------------------
def doc_restart():
    alert = "VPN tunnel VPN-ENT-07 down, packet loss 62% on LINK-SYD-NTL-FIBRE-01"
    sid, thread = new_uuid(), agent_id("thread")
    log = SessionLog(utc(2026, 2, 24, 13, 27, 18, 552093))
    log.begin_turn(0, alert, thread_id=thread)
    log.step(
        "GraphExplorerAgent",
        "Which tunnels, routers and links carry VPN-ENT-07, and what else rides LINK-SYD-NTL-FIBRE-01?",
        md("""
            VPN-ENT-07 (IPsec over MPLS, **UniMelb Research** Newcastle campus): PE-SYD-03 ↔ AGG-NTL-02.

            - Transport: LINK-SYD-NTL-FIBRE-01 (40G), alternate LINK-SYD-NTL-FIBRE-02 (10G, 91% utilised).
            - 6 other services on FIBRE-01, none reporting loss yet.
        """),
        dur=4.3, announce=True)
    log.step(
        "TelemetryAgent",
        "Packet loss, IPsec SA rekey events and interface errors for VPN-ENT-07 and LINK-SYD-NTL-FIBRE-01, last hour",
        md("""
            - Loss on LINK-SYD-NTL-FIBRE-01 is **0.3%** — the 62% is inside the tunnel only.
            - 9 failed IKEv2 rekeys on AGG-NTL-02 since 13:02 UTC (`NO_PROPOSAL_CHOSEN`).
            - AGG-NTL-02 crypto engine at 97% utilisation.
        """),
        dur=8.6)
    log.step(
        "RunbookKBAgent",
        "Runbook for IPsec VPN tunnel down with IKEv2 NO_PROPOSAL_CHOSEN on rekey",
        announce=True, in_flight=True,
        reasoning="Loss is confined to the tunnel and rekeys fail: look up the IPsec recovery procedure.")
    doc = session_doc(0x31B, sid, "telco-noc-lab", alert, "failed", log, thread_id=thread, turn_count=0,
                      diagnosis="", run_meta=None, error_detail=RESTART,
                      written_after=11 * 60 + 23.7)          # rewritten by startup recovery
    return doc


# ---------------------------------------------------------------------------
# 6. Legacy session: no _docType, no user_message, completed with errors
# ---------------------------------------------------------------------------
def doc_legacy():
    alert = "Interface CORE-SYD-01 Hu0/0/0/12 CRC errors rising (4820/min)"
    sid, thread = new_uuid(), agent_id("thread")
    log = SessionLog(utc(2026, 1, 14, 21, 8, 33, 906417))
    log.begin_turn(0, alert, user_message=False, thread_id=thread)
    log.step(
        "TelemetryAgent",
        "Show interface error counters and optical levels for CORE-SYD-01 Hu0/0/0/12 over the last 6 hours",
        md("""
            ```
            CORE-SYD-01# show interfaces HundredGigE0/0/0/12
              input errors 1284411, CRC 1284407, frame 0, overrun 0
              5 minute input rate 38 Gbps, 3411822 packets/sec
            ```

            - CRC errors started at 15:40 UTC (≈ 60/min) and climbed to **4,820/min**.
            - Rx -3.9 dBm, Tx -1.1 dBm: optical levels are normal.
            - Module temperature **71.5 °C** (alarm at 75 °C), up from 48 °C yesterday.
        """),
        dur=6.4)
    log.step(
        "RunbookKBAgent",
        "Runbook for CRC errors with normal optical levels on a 100G core interface",
        md("""
            **RB-IF-012 "CRC errors, optics in range"**: clean and inspect the connector first; if the module
            temperature is rising, replace the QSFP28; if errors persist, swap the line-card port.
        """),
        dur=3.1)
    detail = "[502] Bad Gateway from fabric-query-proxy"
    log.step(
        "GraphExplorerAgent",
        "Which links and services terminate on CORE-SYD-01 Hu0/0/0/12?",
        "FAILED: " + detail, dur=30.2, error=True)
    log.thinking("Retrying investigation (attempt 2/2)...")
    msg = interrupted(log.turn_steps, detail)
    log.error(msg)
    log.message(md("""
        ## Diagnosis: failing QSFP28 on CORE-SYD-01 Hu0/0/0/12

        **Severity:** P3 — minor (no packet loss reported by customers yet)  
        **Confidence:** 72% — the topology lookup failed, so impact is **not** assessed

        ### Root cause

        CRC errors with normal optical levels and a module temperature climbing towards its alarm threshold
        point at a **failing optic**, not the fibre.

        ### Recommended actions

        1. Clean and inspect the connector (RB-IF-012 step 1).
        2. If errors continue, replace the QSFP28 in a maintenance window.
        3. Re-run the topology query once fabric-query-proxy is healthy.

        ```
        CORE-SYD-01# show controllers HundredGigE0/0/0/12 phy | include Temperature
          Temperature: 71.5 C (high warning 70.0 C, high alarm 75.0 C)
        ```
    """))
    log.run_complete(tokens=17350)
    return session_doc(0x0B5, sid, "telco-noc", alert, "completed", log, thread_id=thread, turn_count=0,
                       diagnosis=log.diagnosis, run_meta=log.run_meta, error_detail=msg, legacy=True)


# ---------------------------------------------------------------------------
# 7. Saved interaction record
# ---------------------------------------------------------------------------
def doc_interaction():
    created = utc(2026, 2, 19, 16, 22, 40, 731552)
    query = "Multiple alerts: LINK-SYD-MEL-FIBRE-01 jitter 48 ms; VPN-BB-03 packet loss 7%"
    t = created - timedelta(seconds=31, microseconds=402113)

    def at(seconds):
        return iso(t + timedelta(seconds=seconds))

    steps = [
        {"step": 1, "agent": "TelemetryAgent",  "duration": "6.1s",
         "query": "Jitter, latency and packet loss for LINK-SYD-MEL-FIBRE-01 and VPN-BB-03 over the last hour",
         "response": md("""
             - LINK-SYD-MEL-FIBRE-01: jitter 48 ms (baseline 2 ms), utilisation **97%** since 15:50 UTC.
             - VPN-BB-03 loss 7% tracks the utilisation peaks; no interface errors.
         """), "timestamp": at(8.3)},
        {"step": 2, "agent": "GraphExplorerAgent", "duration": "3.4s",
         "query": "What traffic moved onto LINK-SYD-MEL-FIBRE-01 in the last 2 hours?",
         "response": md("""
             LINK-SYD-MEL-FIBRE-02 went down at 15:48 UTC (INC511904, fibre cut at Albury); its 41 Gbps moved to
             FIBRE-01. VPN-BB-03 has no QoS class on FIBRE-01, so it is dropped first.
         """), "timestamp": at(13.6)},
        {"step": 3, "agent": "HistoricalTicketAgent", "duration": "4.9s",
         "query": "Open incidents on LINK-SYD-MEL-FIBRE-02",
         "response": "**INC511904** (open, P1): fibre cut at Albury, crew on site, ETR 21:00 UTC.",
         "timestamp": at(20.1)},
    ]
    diagnosis = md("""
        ## Diagnosis: congestion on LINK-SYD-MEL-FIBRE-01 after the Albury fibre cut

        **Severity:** P2 — major

        ### Root cause

        LINK-SYD-MEL-FIBRE-02 is down (INC511904); its traffic moved onto FIBRE-01, now at **97%**.

        ### Recommended actions

        1. Apply the `BB-PRIORITY` QoS policy to VPN-BB-03 on FIBRE-01.
        2. Track INC511904 (ETR 21:00 UTC) and revert when FIBRE-02 is restored.

        ```
        CORE-SYD-02(config)# interface HundredGigE0/0/0/5
        CORE-SYD-02(config-if)# service-policy output BB-PRIORITY
        ```
    """)
    doc = {"id": new_uuid(), "scenario": "telco-noc", "query": query, "steps": steps,
           "diagnosis": diagnosis, "run_meta": {"steps": 3, "tokens": 18342, "time": "27.9s"},
           "created_at": iso(created), "_docType": "interaction"}
    doc.update(cosmos_props(0x1C8, created + timedelta(milliseconds=412)))
    return doc


def build():
    return [doc_optical(), doc_bgp(), doc_failed(), doc_cancelled(), doc_restart(), doc_legacy(), doc_interaction()]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(root, "examples", "noc-export.json"))
    a = ap.parse_args()
    text = json.dumps(build(), indent=4, ensure_ascii=False) + "\n"
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {a.out} ({len(text.encode())} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
