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
    /// Catalogue positions that may match the selection (all when none is given).
    let indices: [Int]
    let progress: ProgressLine?

    init(options: ReadOptions, selection: Selection, diagnostics: Diagnostics) {
        self.selection = selection
        let inputs = InputSet(paths: options.inputs)
        let (refs, problems, bytes) = inputs.scan(maxDocumentSize: options.maxDocumentSizeMiB << 20)
        self.catalog = Catalog(documents: refs)
        self.loader = DocumentLoader(files: inputs.files)
        self.bytes = bytes
        let items = catalog.items
        self.indices = items.indices.filter { selection.mayMatch(items[$0]) }
        let work = indices.reduce(0) { $0 + Self.length(items[$1]) }
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

    /// The `position`-th selected session, or nil when the selection rules it out.
    func transcript(_ position: Int) -> Result<Transcript, InputProblem>? {
        switch loader.load(catalog.items[indices[position]]).map({ Replay.run($0) }) {
        case .success(let t): return selection.matches(t) ? .success(t) : nil
        case .failure(let p): return .failure(p)
        }
    }

    func item(_ position: Int) -> Catalog.Item { catalog.items[indices[position]] }

    /// The `position`-th session is finished (for the progress line).
    func done(_ position: Int) {
        progress?.advance(bytes: Self.length(item(position)))
    }

    static func length(_ item: Catalog.Item) -> Int {
        item.chunks.reduce(item.document.length) { $0 + $1.length }
    }
}
