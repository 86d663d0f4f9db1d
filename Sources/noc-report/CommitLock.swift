import Foundation
import Render

extension Archive {
    /// The manifest as it is on disk now, read holding the folder's lock
    /// exclusively: another run into the same folder may have committed
    /// since this one started, and its entries must be merged, not dropped
    /// (issue 15 case 4). The lock is converted from the shared one every run
    /// holds; two runs converting at once both drop theirs first, so neither
    /// waits for the other's whole run, only for its commit.
    func lockForCommit() -> Manifest? {
        flock(dir.fd, LOCK_EX)
        guard let bytes = dir.read(manifestName), let current = try? Manifest.decode(bytes) else { return previous }
        return current
    }

    /// Back to the shared lock held for the rest of the run.
    func unlockAfterCommit() { flock(dir.fd, LOCK_SH) }
}
