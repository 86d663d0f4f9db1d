import ArgumentParser
import Foundation
import Transcript

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check exports against FORMAT.md and list every problem with where it is.",
        discussion: """
        Prints one line per problem on standard output: file, document index (or \
        line, for JSON Lines), byte offset, severity and code, session id, field, \
        and what is wrong. Meant for pipelines, before an export is archived.

        Errors (exit 1): the file cannot be read or is not UTF-8 (unreadable_file, \
        not_utf8, empty_file); invalid, truncated or too deeply nested JSON \
        (invalid_json, truncated, too_deep, trailing_content); a document over \
        --max-document-size (document_too_large) or not an object (not_an_object); \
        a session or interaction without a string id (missing_id); bytes that are \
        not UTF-8 inside a document (invalid_utf8); chunks missing from a chunked \
        session, or chunks without their session (missing_chunks, orphan_chunks, \
        chunk_without_session); a summary listing instead of full documents \
        (summary_listing); a file that changed while it was read (file_changed).

        Warnings (exit 0, or 1 with --strict): everything FORMAT.md says how to \
        cope with, and `render` copes with: missing or mistyped fields \
        (missing_field, field_type_mismatch), dates that are not ISO 8601 \
        (bad_timestamp) or go backwards (timestamps_out_of_order), unknown \
        _docType or event types (unknown_doc_type, unknown_event_type), events \
        without a type or with bad data (missing_event_type, malformed_event_data, \
        non_object_event_data), events outside any run (event_before_run_start), \
        capped logs (truncated_log), a status that does not match the log \
        (status_inconsistent), chunk ids that do not follow \
        <session id>:chunk-<i> (chunk_ids_mismatch, chunk_id_mismatch), repeated \
        chunks (duplicate_chunk), re-exported sessions (duplicate_session_dropped), \
        chunks ignored beside an event_log (ignored_chunks), chunks without a usable \
        chunk_index (bad_chunk_index), and a chunk_count beyond 10000 \
        (bad_chunk_count).

        Exit status: 0 no errors; 1 errors (or warnings with --strict); 2 a usage \
        error, or nothing readable at all.

        Examples:
          noc-report validate examples/noc-export.json
          noc-report validate archive/ --quiet          # errors only, no summary
          noc-report validate export.json --strict && mv export.json /archive/
          noc-report validate export.json --json | jq -r .code | sort | uniq -c
          cat export.jsonl | noc-report validate - --json > problems.jsonl
        """)

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Print one JSON object per problem (JSON Lines): severity, code, file, document, line, byte_offset, session_id, event_index, field, message.")
    var json = false

    func run() throws {
        let diagnostics = common.diagnostics()
        let (inputs, documents, readerProblems, _) = ReadingProgress.read(
            paths: common.readOptions.inputs, maxDocumentSize: common.maxDocumentBytes,
            jobs: common.effectiveJobs, quiet: common.quiet)
        let validator = Validator(files: inputs.files, documents: documents, readerProblems: readerProblems)
        let progress = ProgressLine.make(noun: "documents", total: documents.count,
                                     totalBytes: documents.reduce(0) { $0 + $1.length }, quiet: common.quiet)
        diagnostics.progress = progress

        var printer = ProblemPrinter(json: json, errorsOnly: common.quiet, diagnostics: diagnostics)
        orderedParallelMap(count: documents.count, jobs: common.effectiveJobs, work: { i in
            validator.problems(forDocument: i)
        }, consume: { i, problems in
            progress?.advance(bytes: documents[i].length)
            printer.print(problems)
        })
        printer.print(validator.trailing)
        printer.flush()

        let files = inputs.files.count
        diagnostics.info("noc-report: \(documents.count) document\(documents.count == 1 ? "" : "s") checked in \(files) file\(files == 1 ? "" : "s"), \(printer.errors) error\(printer.errors == 1 ? "" : "s"), \(printer.warnings) warning\(printer.warnings == 1 ? "" : "s")")
        let code = ExitStatus.after(errors: printer.errors, warnings: printer.warnings, strict: common.strict, done: documents.count)
        if code != .success { throw ExitCode(code) }
    }
}
