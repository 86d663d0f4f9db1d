import Testing
@testable import Transcript

let mia = "Mia Nguyen", miaEmail = "mia.nguyen@fieldops.example", miaPhone = "+61 412 884 190"

/// A dispatch action as the backend writes it (FORMAT.md §3).
func dispatchAction(_ n: String = mia, _ e: String = miaEmail, _ p: String = miaPhone, body: String? = nil) -> String {
    let first = n.split(separator: " ").first.map(String.init) ?? n
    return #"{"status":"dispatched","dispatch_id":"DSP-2026-00042","engineer":{"name":\#(js(n)),"email":\#(js(e)),"phone":\#(js(p))},"#
        + #""destination":{"description":"Splice SPL-GLB-03","latitude":47.6062,"longitude":-122.3321},"#
        + #""email_subject":"URGENT","email_body":\#(js(body ?? "Hi \(first),\n\nPlease call the NOC on arrival."))}"#
}

func dispatchStep(_ step: Int = 1, _ n: String = mia, _ e: String = miaEmail, _ p: String = miaPhone) -> String {
    stepDone(step, #""is_action":true,"response":\#(js("Field engineer \(n) dispatched.")),"action":\#(dispatchAction(n, e, p))"#)
}

private func redacted(_ text: String, kind: DocumentKind = .session, rules: RedactionRules = .builtIn) throws -> (SessionInput, Transcript, String) {
    let input = SessionInput(document: try parseJSON(text), kind: kind, source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
    let out = Redactor(rules: rules).redact(input)
    let t = Replay.run(out)
    return (out, t, String(decoding: TranscriptJSON.encode(t), as: UTF8.self))
}

@Suite("Redaction: sessions") struct RedactorTests {
    /// Requirement 1: the engineer's fields are found by key path wherever a
    /// dispatch action is.
    @Test(arguments: [
        ("step_complete", doc([userMsg("A"), runStart(), dispatchStep()])),
        ("action_executed", doc([userMsg("A"), runStart(),
                                 E("action_executed", #"{"step":1,"action_name":"dispatch_field_engineer","action_data":\#(dispatchAction())}"#)])),
        ("steps", doc([], [("steps", "[" + #"{"step":1,"is_action":true,"action":\#(dispatchAction())}"# + "]")])),
        ("tool_call.complete", doc([userMsg("A"), E("run.start", "{}"),
                                    E("tool_call.complete", #"{"id":"t1","step":1,"agent":"dispatch_field_engineer","is_action":true,"action":\#(dispatchAction())}"#)])),
        ("data as an object", doc([userMsg("A"), runStart(), E("step_complete", raw: #"{"step":1,"action":\#(dispatchAction())}"#)])),
    ])
    func engineerFieldsAreFoundByKeyPath(place: String, text: String) throws {
        let (_, _, json) = try redacted(text)
        let document = String(decoding: try redactedDocument(text), as: UTF8.self)
        for value in [mia, miaEmail, miaPhone, "Mia"] {
            #expect(!document.contains(value), "\(place): \(value) left in the document")
            #expect(!json.contains(value), "\(place): \(value) left in the transcript")
        }
        #expect(document.contains("[redacted name 1]") && document.contains("[redacted email 1]") && document.contains("[redacted phone 1]"),
                "\(place): \(document)")
    }

    @Test func interactionsAreRedactedToo() throws {
        let text = #"{"id":"i1","_docType":"interaction","query":"who?","steps":[{"step":1,"action":\#(dispatchAction())}],"diagnosis":"\#(mia) is on site","created_at":"T0"}"#
        let (_, t, json) = try redacted(text, kind: .interaction)
        #expect(!json.contains(mia) && !json.contains(miaEmail))
        #expect(t.orchestratorMessages.first?.diagnosis?.string == "[redacted name 1] is on site")
    }

    /// Requirement 2: a value found anywhere is removed everywhere in the
    /// session: alert, e-mail body, response, diagnosis, error.
    @Test func aValueFoundByKeyPathIsRemovedEverywhere() throws {
        let text = doc([userMsg("Alert raised by \(mia)"), runStart(), dispatchStep(),
                        answer("## Diagnosis\n\n\(mia) (MIA NGUYEN) was dispatched; Mia will call. NGUYEN, M."),
                        errorEvent("Lost contact with \(mia)")],
                       [("alert_text", js("Alert raised by \(mia)")), ("error_detail", js("\(mia) unreachable"))])
        let (_, t, json) = try redacted(text)
        #expect(!json.contains("Mia") && !json.contains("Nguyen") && !json.contains("NGUYEN"), "\(json)")
        let diagnosis = try #require(t.orchestratorMessages.first?.diagnosis?.string)
        #expect(diagnosis == "## Diagnosis\n\n[redacted name 1] ([redacted name 1]) was dispatched; [redacted name 1] will call. [redacted name 1], M.")
        #expect(json.contains(#"Hi [redacted name 1],\n\nPlease call the NOC on arrival."#))
    }

    /// A login that is an address's local part goes with the address;
    /// a role mailbox's (`noc@`) does not.
    @Test func theLocalPartOfAnAddressGoesWithIt() throws {
        let text = doc([userMsg("Mail \(miaEmail) and noc@fieldops.example"), runStart(),
                        answer("login mia.nguyen failed; mia.nguyenx is someone else; the noc team knows")])
        let (_, t, _) = try redacted(text)
        #expect(t.orchestratorMessages.first?.diagnosis?.string
                == "login [redacted email 1] failed; mia.nguyenx is someone else; the noc team knows")
    }

    /// A first name alone is replaced only as a capitalised whole word.
    @Test func namePartsMatchWholeWordsOnly() throws {
        let text = doc([userMsg("A"), runStart(), dispatchStep(1, "Will Parker", "w@x.example", "+61 400 000 000"),
                        answer("Will arrives at Willow Creek; he will park by Parkerville. Parker, call Will.")])
        let (_, t, _) = try redacted(text)
        #expect(t.orchestratorMessages.first?.diagnosis?.string
                == "[redacted name 1] arrives at Willow Creek; he will park by Parkerville. [redacted name 1], call [redacted name 1].")
    }

    /// Requirement 3: the same value has the same label throughout; labels
    /// count per kind in first-seen order; e-mail case and phone spacing do
    /// not make a new value.
    @Test func labelsAreStableAndNumberedPerKind() throws {
        let text = doc([userMsg("Page \(miaEmail) or MIA.NGUYEN@FIELDOPS.EXAMPLE, or +61412884190"), runStart(),
                        dispatchStep(1), dispatchStep(2, "Aroha Tipene", "aroha@fieldops.example", "+1 (425) 555-0142"),
                        answer("\(mia) then Aroha Tipene; \(miaEmail), aroha@fieldops.example")])
        let (_, t, json) = try redacted(text)
        let alert = try #require(t.messages.first.flatMap { if case .user(let u) = $0 { return u.text?.string } else { return nil } })
        #expect(alert == "Page [redacted email 1] or [redacted email 1], or [redacted phone 1]")
        #expect(t.orchestratorMessages.first?.diagnosis?.string
                == "[redacted name 1] then [redacted name 2]; [redacted email 1], [redacted email 2]")
        #expect(json.contains("[redacted phone 2]") && !json.contains("[redacted phone 3]"))
        // The same input gives the same output, byte for byte.
        #expect(try redacted(text).2 == json)
    }

    /// The replay must still work: event types, statuses and structure are
    /// kept, even when the session id or an unknown event type holds an address.
    @Test func theReplayIsUnchangedByRedaction() throws {
        let text = doc([userMsg("A \(miaEmail)"), runStart("2026-02-20T10:00:00+00:00"), dispatchStep(),
                        E("ops@example.com", "{}"), answer("done \(miaPhone)"), runDone(),
                        userMsg("again", turn: 1), runStart(turn: 1), cancelling("by \(miaEmail)"), errorEvent("Investigation cancelled by user.")],
                       [("id", js("session/\(miaEmail)")), ("status", js("cancelled"))])
        let plain = try replay(text)
        let (input, t, json) = try redacted(text)
        #expect(input.id == "session/[redacted email 1]")
        #expect(t.messages.count == plain.messages.count)
        #expect(t.outcome.category == plain.outcome.category && t.outcome.reason == plain.outcome.reason)
        #expect(t.notes.map(timeline).count == plain.notes.map(timeline).count)
        #expect(codes(t) == codes(plain))
        #expect(t.warnings.contains { $0.message.contains("unknown type \"[redacted email 2]\"") })
        #expect(!json.contains(miaEmail) && !json.contains(miaPhone))
    }

    /// An address used as an object key (a table column) is replaced the
    /// same way in the key and in the column list, so the cell still lines up.
    @Test func keysAreRedactedLikeValues() throws {
        let viz = #""visualizations":[{"type":"table","data":{"columns":[{"name":"ops@x.example"}],"rows":[{"ops@x.example":"on call"}]}}]"#
        let (_, _, json) = try redacted(doc([userMsg("A"), runStart(), stepDone(1, viz)]))
        #expect(json.contains(#"{"name":"[redacted email 1]"}"#) && json.contains(#"{"[redacted email 1]":"on call"}"#))
        #expect(!json.contains("ops@x.example"))
    }

    @Test func aSessionWithNothingToRedactKeepsItsBytes() throws {
        let text = doc([userMsg("Link down at 10:01, p99 450ms"), runStart(), stepDone(1, #""response":"ok 8f448893-3181-4528-ac00-c154e5422775""#), answer("fine")])
        let input = SessionInput(document: try parseJSON(text), kind: .session, source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        let out = Redactor().redact(input)
        #expect(Array(out.document.rawBytes) == Array(input.document.rawBytes))
        #expect(out.redaction == RedactionReport())
    }

    /// Requirement 4: a redacted link target stays a link target.
    @Test func aValueInsideAURLGetsTheSpacelessLabel() throws {
        let text = doc([userMsg("A"), runStart(), dispatchStep(),
                        answer("[\(mia)](mailto:\(miaEmail)) or <\(miaEmail)>; https://x.blob.core.windows.net/c?sv=1&sig=abcDEF123%3D&sp=r")])
        let (_, t, _) = try redacted(text)
        #expect(t.orchestratorMessages.first?.diagnosis?.string
                == "[[redacted name 1]](mailto:redacted-email-1) or <[redacted email 1]>; https://x.blob.core.windows.net/c?sv=1&sig=redacted-secret-1&sp=r")
    }

    @Test func chunkedLogsAreRedactedAndKeepTheirGaps() throws {
        let root = try parseJSON(#"{"id":"c1","status":"completed","alert_text":"x","created_at":"T0"}"#)
        let events = try parseJSON("[" + [userMsg("A"), runStart(), dispatchStep(), answer("\(mia) ok")].joined(separator: ",") + "]")
        var input = SessionInput(document: root, kind: .session, source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        let e = Array(events.elements)
        input.chunkedLog = [.event(e[0]), .event(e[1]), .gap(missingChunks: [1]), .event(e[2]), .event(e[3])]
        let out = Redactor().redact(input)
        let log = try #require(out.chunkedLog)
        #expect(log.count == 5)
        if case .gap(let missing) = log[2] { #expect(missing == [1]) } else { Issue.record("the gap moved") }
        let json = String(decoding: TranscriptJSON.encode(Replay.run(out)), as: UTF8.self)
        #expect(!json.contains("Mia") && json.contains("[redacted name 1] ok"))
    }

    @Test func warningsAndTheSourceNameAreRedacted() throws {
        var input = SessionInput(document: try parseJSON(doc([userMsg("A"), runStart(), dispatchStep()])), kind: .session,
                                 source: SourceLocation(file: "exports/\(miaEmail)/t.json", documentIndex: 0, byteOffset: 0))
        input.warnings = [.init(.duplicateSessionDropped, "another copy mentions \(mia) and \(miaPhone)")]
        let out = Redactor().redact(input)
        #expect(out.warnings.first?.message == "another copy mentions [redacted name 1] and [redacted phone 1]")
        #expect(out.source.file == "exports/[redacted email 1]/t.json")
    }

    /// Event data that is not JSON is still text, and still redacted.
    @Test func malformedEventDataIsRedactedAsText() throws {
        let text = doc([userMsg("A"), runStart(), E("step_complete", "{not json \(miaEmail)")])
        let (_, t, json) = try redacted(text)
        #expect(!json.contains(miaEmail))
        #expect(codes(t).contains("malformed_event_data"))
    }

    /// Requirement 5: which rules fired and how often, never the values.
    @Test func theReportCountsRulesNotValues() throws {
        let text = doc([userMsg("A \(miaEmail)"), runStart(), dispatchStep(), answer("Bearer AbC123xYz789QwErTy456UiOp")])
        let (input, _, json) = try redacted(text)
        let report = try #require(input.redaction)
        #expect(report.entries.map(\.rule) == ["engineer.name", "engineer.phone", "email", "bearer-token"])
        #expect(report.entries.first { $0.rule == "email" }?.values == 1)
        #expect(json.contains(#""redaction":{"values":4,"#))
    }

    @Test func messagesOutsideASessionGetUnnumberedLabels() {
        #expect(Redactor().redactMessage("document 3 (session \(miaEmail)) is not valid JSON; call \(miaPhone)")
                == "document 3 (session [redacted email]) is not valid JSON; call [redacted phone]")
        let known = Redactor().knowing([SensitiveValue(kind: "name", rule: 0, text: mia)])
        #expect(known.redactMessage("chunks of session mia-nguyen-2 and Mia Nguyen's notes") == "chunks of session mia-nguyen-2 and [redacted name]'s notes")
    }

    /// A name dispatched in one session is removed from another session
    /// that only mentions it.
    @Test func namesFoundInOneSessionAreRemovedFromTheOthers() throws {
        let first = SessionInput(document: try parseJSON(doc([userMsg("A"), runStart(), dispatchStep()])), kind: .session,
                                 source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
        let second = SessionInput(document: try parseJSON(doc([userMsg("Is Mia Nguyen back? Ask Mia."), runStart()])), kind: .session,
                                  source: SourceLocation(file: "t.json", documentIndex: 1, byteOffset: 0))
        let base = Redactor()
        let shared = base.sharedValues(in: first) + base.sharedValues(in: second)
        #expect(shared.map(\.text) == [mia])
        let t = Replay.run(base.knowing(shared).redact(second))
        guard case .user(let m) = t.messages.first else { Issue.record("no user message"); return }
        #expect(m.text?.string == "Is [redacted name 1] back? Ask [redacted name 1].")
    }

    /// Values the replay decides by survive a user pattern that matches them.
    @Test func eventTypesAndStatusesSurviveUserPatterns() throws {
        let rules = RedactionRules.builtIn.adding(try RuleFile.parse(Array(#"[{"pattern":"message|completed|step_complete","label":"word"}]"#.utf8)))
        let text = doc([userMsg("A"), runStart(), stepDone(1), answer("the message was completed")])
        let (_, t, _) = try redacted(text, rules: rules)
        #expect(t.orchestratorMessages.first?.steps.count == 1)
        #expect(t.orchestratorMessages.first?.diagnosis?.string == "the [redacted word 1] was [redacted word 2]")
        #expect(t.outcome.category == .completed)
    }
}

/// The redacted document's bytes.
private func redactedDocument(_ text: String) throws -> [UInt8] {
    let input = SessionInput(document: try parseJSON(text), kind: .session, source: SourceLocation(file: "t.json", documentIndex: 0, byteOffset: 0))
    let out = Redactor().redact(input)
    var bytes: [UInt8] = []
    out.document.writeCompact(to: &bytes)
    // Event data is JSON inside strings: unescape once more to see it.
    return Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\\\"", with: "\"").utf8)
}
