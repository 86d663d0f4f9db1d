import Render
import Transcript

/// What `noc-report index` does with an entry whose reports were deleted or
/// changed by hand since noc-report wrote them.
enum IndexRepair {
    /// nil when every file of `e` is intact. Otherwise the entry is dropped,
    /// with a message naming each bad file, and this returns its intact
    /// files. A changed file is left as it is and no longer listed as
    /// noc-report's, so no later render overwrites it. Every file is read.
    static func dropped(_ e: ManifestEntry, in dir: OutputDirectory, diagnostics: Diagnostics) -> [String]? {
        let id = e.session.id.prefix(80)
        let states = e.files.map { dir.check($0) }
        var intact: [String] = []
        for (f, state) in zip(e.files, states) {
            switch state {
            case .intact:
                intact.append(f.name)
            case .missing:
                diagnostics.warning("\(dir.path)/\(f.name): a report of session \(id) is missing (deleted?): the session is dropped from the index")
            case .modified:
                diagnostics.warning("\(dir.path)/\(f.name) was changed after noc-report wrote it (its size or SHA-256 differs from index.json): session \(id) is dropped from the index; the file is left as it is and no longer listed, so no render overwrites it (move it away to have the session rendered again)")
            }
        }
        return intact.count == e.files.count ? nil : intact
    }
}
