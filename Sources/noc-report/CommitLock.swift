import ByteLevel
import Foundation
import Render
import Transcript

/// Two runs into one folder (issue 15 case 4): each commits the manifest it
/// built, and the last would drop what the other committed meanwhile. So the
/// commit starts from the manifest on disk, and each manifest write adds the
/// entries another run committed since, read and written under a lock.
extension Archive {
    /// The manifest as it is on disk now (another run may have committed
    /// since this one started), and whether it lists pending files; the
    /// one this run wrote is not read back (its pending list is left out).
    func currentManifest() -> (manifest: ManifestFile, hasPending: Bool)? {
        if let own = ownManifestOnDisk() { return (own.manifest, own.hasPending) }
        let read = previousStamp != nil && dir.stamp(manifestName) == previousStamp ? previous : (try? ManifestFile.open(dir, manifestName)) ?? nil
        return (read ?? previous).map { ($0, !$0.skeleton.pending.isEmpty) }
    }

    /// Writes `manifest` plus the entries the manifest on disk holds and it
    /// lacks (by name, with every file present: a pruned or deleted entry's
    /// files are gone), holding an exclusive lock on the manifest file.
    func writeMerged(_ manifest: Manifest, spilled: EntrySpill? = nil) throws {
        try withManifestLock {
            var merged = manifest
            if let disk = manifestOnDisk() {
                let ours = Set(manifest.entries.map { NameDigest($0.session.name) })
                merged.entries += disk.entries(keepingNames: { !ours.contains($0) && spilled?.contains(digest: $0) != true })
                    .filter { e in e.files.allSatisfy { dir.exists($0.name) } }
            }
            guard let spilled else {
                try dir.write(manifestName, merged.encoded())
                return wroteManifest(merged)
            }
            let entries = SpilledJSON(spill: spilled, extra: merged.entries.sorted { IndexEntry.newestFirst($0.session, $1.session) })
            try dir.write(manifestName) { sink in try Manifest.encode(skeleton: merged, entries: entries, sink) }
            wroteManifest(merged)
        }
    }

    /// `body` holding flock(LOCK_EX) on the file now at the manifest's name.
    /// A writer replaces it by rename, so after waiting the lock may be on a
    /// file no longer linked: then the new one is locked instead. Only
    /// commits take it, for one read and one write: a run never waits for
    /// another's rendering. No manifest yet (or no lock): `body` alone.
    private func withManifestLock(_ body: () throws -> Void) throws {
        for _ in 0..<1_000 {
            let fd = Descriptor.openForReading(manifestName, inFolder: dir.fd, nonBlocking: true)
            guard fd >= 0 else { break }
            defer { Descriptor.close(fd) }  // closing releases the lock
            guard FileLock.exclusive(fd) else { break }
            if let held = FileStatus.of(descriptor: fd), let linked = FileStatus.of(manifestName, inFolder: dir.fd),
               held.identity == linked.identity {
                return try body()
            }
        }
        try body()
    }
}
