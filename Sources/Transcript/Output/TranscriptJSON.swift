/// FORMAT.md §5: one session as one line of JSON. `messages` holds exactly
/// the §4 fields; everything the replay noticed besides goes in `turns`.
public enum TranscriptJSON {
    public static func encode(_ t: Transcript) -> [UInt8] {
        var w = JSONWriter(capacity: 256 * 1024)
        write(t, to: &w)
        w.bytes.append(0x0A)
        return w.bytes
    }

    public static func write(_ t: Transcript, to w: inout JSONWriter) {
        let doc = t.document
        w.object { w in
            w.field("id", raw: doc["id"])
            w.key("kind"); w.string(t.input.kind.rawValue)
            for key in ["scenario", "status", "created_at", "updated_at", "alert_text", "error_detail", "turn_count", "thread_id"] {
                w.field(key, raw: doc[key])
            }
            if t.input.kind == .interaction { w.field("query", raw: doc["query"]) }
            w.key("messages")
            w.array { w in
                for message in t.messages { writeMessage(message, to: &w) }
            }
            w.key("outcome")
            writeOutcome(t.outcome, to: &w)
            w.key("warnings")
            w.array { w in
                for warning in t.warnings {
                    w.object { w in
                        w.key("code"); w.string(warning.code.rawValue)
                        w.key("message"); w.string(warning.message)
                        w.field("event_index", warning.location.eventIndex)
                    }
                }
            }
            w.key("turns")
            w.array { w in
                for notes in t.notes { writeNotes(notes, to: &w) }
            }
            w.key("source")
            w.object { w in
                // The file's name, not the path it was given: a report attached to a
                // ticket must not carry `/home/alice/…`.
                w.key("file"); w.string(Self.fileName(t.input.source.file))
                w.key("document"); w.int(t.input.source.documentIndex)
                w.field("line", t.input.source.line)
                w.key("byte_offset"); w.int(t.input.source.byteOffset)
            }
            w.key("ignored_events"); w.int(t.ignoredEvents)
            if let redaction = t.input.redaction { writeRedaction(redaction, to: &w) }
            if !t.input.missingChunks.isEmpty {
                w.key("missing_chunks")
                w.array { w in for c in t.input.missingChunks { w.int(c) } }
            }
        }
    }

    /// Which rules fired and how often; never the values.
    static func writeRedaction(_ r: RedactionReport, to w: inout JSONWriter) {
        w.key("redaction")
        w.object { w in
            w.key("values"); w.int(r.values)
            w.key("occurrences"); w.int(r.occurrences)
            w.key("rules")
            w.array { w in
                for e in r.entries {
                    w.object { w in
                        w.key("rule"); w.string(e.rule)
                        w.key("kind"); w.string(e.kind)
                        w.key("values"); w.int(e.values)
                        w.key("occurrences"); w.int(e.occurrences)
                    }
                }
            }
        }
    }

    static func writeMessage(_ message: Message, to w: inout JSONWriter) {
        w.object { w in
            switch message {
            case .user(let m):
                w.key("role"); w.string("user")
                w.field("text", raw: m.text)
                w.field("timestamp", raw: m.timestamp)
            case .orchestrator(let m):
                w.key("role"); w.string("orchestrator")
                w.field("timestamp", raw: m.timestamp)
                switch m.stepsAsWritten {
                case .list:
                    w.key("steps")
                    w.array { w in for step in m.steps { w.raw(step.raw) } }
                case .missing:
                    break
                case .other(let value):
                    w.field("steps", raw: value)
                }
                w.key("status"); w.string(m.status.rawValue)
                w.field("diagnosis", raw: m.diagnosis)
                w.field("runMeta", raw: m.runMeta)
                w.field("errorMessage", raw: m.errorMessage)
            }
        }
    }

    public static func writeOutcome(_ o: Outcome, to w: inout JSONWriter) {
        w.object { w in
            w.key("category"); w.string(o.category.rawValue)
            w.key("reason"); w.string(o.reason.rawValue)
            w.field("message", o.message)
            w.field("turn", o.turn)
            w.field("inner_code", o.innerCode)
            w.field("inner_detail", o.innerDetail)
            w.key("retries"); w.int(o.retries)
            w.key("failed_steps")
            w.array { w in
                for s in o.failedSteps {
                    w.object { w in
                        w.key("turn"); w.int(s.turn)
                        if let step = s.step { w.key("step"); w.int(step) } else { w.key("step"); w.null() }
                        if let agent = s.agent { w.key("agent"); w.string(agent) } else { w.key("agent"); w.null() }
                        w.key("kind"); w.string(s.kind.rawValue)
                        w.key("code"); w.string(s.code)
                        w.key("summary"); w.string(s.summary)
                    }
                }
            }
        }
    }

    static func writeNotes(_ n: TurnNotes, to w: inout JSONWriter) {
        w.object { w in
            w.key("message_index"); w.int(n.messageIndex)
            w.key("turn"); w.int(n.turn)
            w.key("final_message"); w.bool(n.sawFinalMessage)
            w.key("run_complete"); w.bool(n.sawRunComplete)
            w.key("events")
            w.array { w in
                for item in n.timeline {
                    switch item {
                    case .step: continue
                    case .retry(let text, let i):
                        w.object { w in w.key("type"); w.string("retry"); w.key("text"); w.string(text); w.key("event_index"); w.int(i) }
                    case .statusChange(let status, let message, let i):
                        w.object { w in
                            w.key("type"); w.string("status_change")
                            w.field("status", status); w.field("message", message)
                            w.key("event_index"); w.int(i)
                        }
                    case .statusNote(let text, let i):
                        w.object { w in w.key("type"); w.string("status"); w.key("message"); w.string(text); w.key("event_index"); w.int(i) }
                    case .thread(let id, let i):
                        w.object { w in w.key("type"); w.string("thread"); w.key("thread_id"); w.string(id); w.key("event_index"); w.int(i) }
                    case .error(let text, let i):
                        w.object { w in w.key("type"); w.string("error"); w.field("message", text); w.key("event_index"); w.int(i) }
                    case .stepInFlight(let payload, let i):
                        w.object { w in w.key("type"); w.string("step_in_flight"); w.key("step"); w.raw(payload.raw); w.key("event_index"); w.int(i) }
                    case .gap(let missing):
                        w.object { w in
                            w.key("type"); w.string("missing_chunks")
                            w.key("chunks"); w.array { w in for c in missing { w.int(c) } }
                        }
                    }
                }
            }
            w.field("unfinished_answer", n.unfinishedAnswer)
        }
    }

    /// The last component of a path; `-` (standard input) as it is.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
