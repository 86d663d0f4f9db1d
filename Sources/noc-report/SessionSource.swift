import Transcript

/// Options shared by every command that reads exports.
struct ReadOptions {
    var inputs: [String]
    var maxDocumentSizeMiB: Int
    var jobs: Int
}

/// Reads the inputs' first pass and catalogue; loads and replays on demand.
struct SessionSource: Sendable {
    let catalog: Catalog
    let loader: DocumentLoader
    let bytes: Int

    let selection: Selection
    /// Applied to every session before it is replayed (`--redact`).
    private(set) var redactor: Redactor?
    /// Catalogue positions that may match the selection (all when none is
    /// given); 32-bit, as the catalogue's (4 bytes a session, not 8).
    let indices: [Int32]
    let progress: ProgressLine?

    init(options: ReadOptions, selection: Selection, redactor: Redactor? = nil, diagnostics: Diagnostics) throws {
        self.redactor = redactor
        let (inputs, refs, problems, bytes) = ReadingProgress.read(
            paths: options.inputs, maxDocumentSize: min(options.maxDocumentSizeMiB, Int(Int32.max)) << 20,
            jobs: options.jobs, quiet: diagnostics.level == .quiet)
        self.catalog = Catalog(documents: refs)
        self.loader = DocumentLoader(files: inputs.files)
        self.bytes = bytes
        let items = catalog.items
        let selection = try selection.resolvingPrefixes(of: items, diagnostics: diagnostics)
        self.selection = selection
        self.indices = items.indices.filter { selection.mayMatch(items[$0]) }.map { Int32($0) }
        let work = indices.reduce(0) { $0 + Self.length(items[Int($1)]) }
        progress = ProgressLine.make(noun: "sessions", total: indices.count, totalBytes: work, quiet: diagnostics.level == .quiet)
        diagnostics.progress = progress
        for p in problems { diagnostics.report(p) }
        for p in catalog.problems { diagnostics.report(p) }
        if catalog.duplicatesDropped > 0 {
            let ids = catalog.items.filter { $0.warnings.contains { $0.code == .duplicateSessionDropped } }
                .compactMap { $0.document.header.id }
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            diagnostics.info("note: dropped \(catalog.duplicatesDropped) older cop\(catalog.duplicatesDropped == 1 ? "y" : "ies") of re-exported session\(ids.count == 1 ? "" : "s") \(shown) (the newest updated_at wins; each report's Data integrity section says which)")
        }
        for (type, count) in catalog.otherDocuments.sorted(by: { $0.key < $1.key }) {
            diagnostics.info("note: skipped \(count) document\(count == 1 ? "" : "s") of _docType \(type) (not sessions)")
        }
    }

    var count: Int { indices.count }

    /// Under --redact, a first pass over the selected sessions: what the
    /// key-path rules find in any of them (an engineer's name) is removed
    /// from all of them. Documents that cannot be read are reported later.
    mutating func learnSharedValues(jobs: Int) {
        guard let redactor else { return }
        let loader = self.loader, items = catalog.items, indices = self.indices
        var values: [SensitiveValue] = []
        orderedParallelMap(count: indices.count, jobs: jobs, work: { i -> [SensitiveValue] in
            guard case .success(let input) = loader.load(items[Int(indices[i])]) else { return [] }
            return redactor.sharedValues(in: input)
        }, consume: { _, found in values.append(contentsOf: found) })
        self.redactor = redactor.knowing(values)
    }

    /// The `position`-th selected session, or nil when the selection rules it out.
    /// Redacted first when `redactor` is set: the replay, and everything
    /// after it, only ever sees the redacted session.
    /// `parts`: the session's bytes when already read (`loader.read`).
    func transcript(_ position: Int, parts: [[UInt8]]? = nil) -> Result<Transcript, Problem>? {
        let item = catalog.items[Int(indices[position])]
        let loaded = loader.load(item, parts: parts).map { input in redactor.map { $0.redact(input) } ?? input }
        switch loaded.map({ Replay.run($0) }) {
        case .success(let t): return selection.matches(t, id: item.document.header.id) ? .success(t) : nil
        case .failure(let p): return .failure(p)
        }
    }

    func item(_ position: Int) -> Catalog.Item { catalog.items[Int(indices[position])] }

    /// Only these positions will be worked on (for the progress line).
    func narrowProgress(to positions: [Int32]) {
        progress?.narrow(total: positions.count, totalBytes: positions.reduce(0) { $0 + Self.length(item(Int($1))) })
    }

    /// The `position`-th session is finished (for the progress line).
    func done(_ position: Int) {
        progress?.advance(bytes: Self.length(item(position)))
    }

    static func length(_ item: Catalog.Item) -> Int {
        item.chunks.reduce(item.document.length) { $0 + $1.length }
    }
}

extension SessionSource {
    /// The first pass over the inputs, with `--redact` set up: the
    /// diagnostics redact from the start, and also the names the run
    /// learns from every selected session once it knows them.
    static func reading(_ common: CommonOptions, _ selection: Selection, _ redaction: RedactionOptions,
                        diagnostics: Diagnostics) throws -> SessionSource {
        let redactor = try redaction.redactor()
        diagnostics.redactor = redactor
        var source = try SessionSource(options: common.readOptions, selection: selection, redactor: redactor, diagnostics: diagnostics)
        source.learnSharedValues(jobs: common.effectiveJobs)
        diagnostics.redactor = source.redactor
        return source
    }
}
