import Testing
@testable import Transcript

// Swift Testing has an ExitStatus of its own: this one is meant.
import enum Transcript.ExitStatus
typealias RunStatus = ExitStatus

private let at = SourceLocation(file: "t.json", documentIndex: 2, byteOffset: 40)

/// Every code: its stable name, the severity `validate` gives it, the line
/// `validate` prints for it and the exit status of a run that met it.
@Suite("problems: one table from code to message and exit status")
struct ProblemTableTests {
    static let rows: [(ProblemCode, String, RunStatus)] = [
        (.unreadableFile, "error[unreadable_file]", .problems), (.notUTF8, "error[not_utf8]", .problems),
        (.emptyFile, "error[empty_file]", .problems), (.invalidJSON, "error[invalid_json]", .problems),
        (.truncated, "error[truncated]", .problems), (.tooDeep, "error[too_deep]", .problems),
        (.tooLarge, "error[document_too_large]", .problems), (.trailingContent, "error[trailing_content]", .problems),
        (.notAnObject, "error[not_an_object]", .problems), (.missingID, "error[missing_id]", .problems),
        (.chunkWithoutSession, "error[chunk_without_session]", .problems),
        (.badChunkIndex, "warning[bad_chunk_index]", .success), (.badChunkCount, "warning[bad_chunk_count]", .success),
        (.orphanChunks, "error[orphan_chunks]", .problems), (.ignoredChunks, "warning[ignored_chunks]", .success),
        (.summaryListing, "error[summary_listing]", .problems), (.fileChanged, "error[file_changed]", .problems),
        (.malformedEventData, "warning[malformed_event_data]", .success),
        (.nonObjectEventData, "warning[non_object_event_data]", .success),
        (.missingEventType, "warning[missing_event_type]", .success),
        (.eventBeforeRunStart, "warning[event_before_run_start]", .success),
        (.unknownEventType, "warning[unknown_event_type]", .success), (.truncatedLog, "warning[truncated_log]", .success),
        (.statusInconsistent, "warning[status_inconsistent]", .success),
        (.fieldTypeMismatch, "warning[field_type_mismatch]", .success),
        (.duplicateSessionDropped, "warning[duplicate_session_dropped]", .success),
        (.missingChunks, "error[missing_chunks]", .problems), (.invalidUTF8, "error[invalid_utf8]", .problems),
        (.partialLog, "warning[partial_log]", .success), (.lostLog, "warning[lost_log]", .success),
        (.missingField, "warning[missing_field]", .success), (.unknownDocType, "warning[unknown_doc_type]", .success),
        (.badTimestamp, "warning[bad_timestamp]", .success),
        (.timestampsOutOfOrder, "warning[timestamps_out_of_order]", .success),
        (.chunkIDsMismatch, "warning[chunk_ids_mismatch]", .success),
        (.chunkIDMismatch, "warning[chunk_id_mismatch]", .success), (.duplicateChunk, "warning[duplicate_chunk]", .success),
        (.outputFolderUnusable, "error[output_folder_unusable]", .failure),
        (.reportWriteFailed, "error[report_write_failed]", .problems), (.pdfFailed, "error[pdf_failed]", .problems),
        (.outputStopped, "error[output_stopped]", .failure), (.indexWriteFailed, "error[index_write_failed]", .failure),
        (.standardOutputFailed, "error[stdout_write_failed]", .failure),
    ]

    @Test func everyCodeHasOneRow() {
        #expect(Self.rows.map { $0.0.rawValue }.sorted() == ProblemCode.allCases.map(\.rawValue).sorted())
    }

    @Test(arguments: rows)
    func codeToMessageAndExitStatus(code: ProblemCode, tag: String, status: RunStatus) {
        let p = Problem(code, at, sessionID: "s1", field: "f", "what was wrong")
        #expect(p.description == "t.json: document 2 (byte 40): \(tag): session \"s1\": f: what was wrong")
        #expect(p.exitStatus(strict: false) == status)
        // Under --strict a warning fails the run too; an error's status stays.
        let strictStatus: RunStatus = status == .success ? .problems : status
        #expect(p.exitStatus(strict: true) == strictStatus)
        #expect(ProblemCode(rawValue: code.rawValue) == code)
    }

    /// (errors, warnings, strict, done) -> status: the README's exit status sentence.
    static let runs: [(Int, Int, Bool, Int, RunStatus)] = [
        (0, 0, false, 3, .success), (0, 2, false, 3, .success), (0, 2, true, 3, .problems),
        (1, 0, false, 3, .problems), (1, 0, false, 0, .failure), (0, 0, false, 0, .success), (0, 1, true, 0, .problems),
    ]

    @Test(arguments: runs)
    func aRunsExitStatus(errors: Int, warnings: Int, strict: Bool, done: Int, status: RunStatus) {
        #expect(RunStatus.after(errors: errors, warnings: warnings, strict: strict, done: done) == status)
    }

    @Test func theStatusesTheReadmeNames() {
        #expect(RunStatus.allCases.map { $0.rawValue } == [0, 1, 2, 130, 141])
    }
}

/// The lines each kind of problem prints, byte for byte.
@Suite("problems: the lines they print")
struct ProblemTextTests {
    @Test func aReaderProblemNamesItsDocumentThenWhatAndAction() {
        let p = Problem(.error, at, "the document is not a JSON object", action: "skipped it", code: .notAnObject)
        #expect(p.text == "t.json: document 2 (byte 40): the document is not a JSON object; skipped it")
        #expect(p.validated(sessionID: nil).description
                == "t.json: document 2 (byte 40): error[not_an_object]: the document is not a JSON object; skipped it")
    }

    @Test func renderCallsOrphanChunksAWarningValidateAnError() {
        let p = Problem(.warning, at, "2 chunks of session x have no manifest", action: "not rendered", code: .orphanChunks)
        #expect(p.exitStatus(strict: false) == .success)
        #expect(p.validated(sessionID: "x").severity == .error)
        #expect(p.validated(sessionID: "x").location.sessionID == "x")
    }

    @Test func aTranscriptWarningReadsAsTheSessionsLine() {
        let w = Problem(.unknownEventType, "1 event of type \"x\" was skipped", eventIndex: 3)
        #expect(w.severity == .warning && w.location.document == nil)
        #expect(w.sessionLine(source: at, sessionID: String(repeating: "a", count: 90))
                == "t.json: document 2 (byte 40) (session \(String(repeating: "a", count: 80))): event_log[3]: [unknown_event_type] 1 event of type \"x\" was skipped; the report lists it under Data integrity")
    }

    @Test func aReportWriteFailureIsFiledUnderTheSessionAndTheOutputFile() {
        let p = Problem(.reportWriteFailed, severity: .error,
                        at: ProblemLocation(document: at, sessionID: "s1", output: "a.md"),
                        "out/a.md: cannot write: Is a directory", action: "its reports were not all written")
        #expect(p.text == "t.json: document 2 (byte 40) (session s1): [report_write_failed] out/a.md: cannot write: Is a directory; its reports were not all written")
        #expect(p.code.isOutput && !p.code.endsRun && p.exitStatus(strict: false) == .problems)
    }

    @Test func otherWriteFailuresKeepTheirSentence() {
        let p = Problem(writing: "out", .outputFolderUnusable, "out: cannot create the output folder: Permission denied",
                        action: "nothing was read or written")
        #expect(p.text == "out: cannot create the output folder: Permission denied; nothing was read or written")
        #expect(p.location.output == "out" && p.exitStatus(strict: false) == .failure)
    }

    @Test func validateJSONHasEveryKey() {
        let p = Problem(.badTimestamp, SourceLocation(file: "x.json", documentIndex: 1, line: 2, byteOffset: 9),
                        sessionID: "s", eventIndex: 4, field: "event_log[4].timestamp", "bad")
        #expect(String(decoding: p.jsonLine, as: UTF8.self)
                == #"{"severity":"warning","code":"bad_timestamp","file":"x.json","document":1,"line":2,"byte_offset":9,"session_id":"s","event_index":4,"field":"event_log[4].timestamp","message":"bad"}"# + "\n")
    }

    @Test func aDataIntegrityTitlePerTranscriptCode() {
        #expect(ProblemCode.partialLog.reportTitle == "The event log is incomplete")
        #expect(ProblemCode.lostLog.reportTitle == "The event log was lost")
    }
}
