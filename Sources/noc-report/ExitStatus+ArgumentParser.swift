import ArgumentParser
import Transcript

extension ExitCode {
    /// Every status the commands end with comes from `ExitStatus`.
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
