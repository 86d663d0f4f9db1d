/// Builds markup from fixed pieces (`StaticString`), escaped text and
/// numbers only, so what it makes is `SafeHTML` by construction.
struct MarkupWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ s: String) {
        bytes.append(contentsOf: HTMLEscaping.escaped(s))
    }

    mutating func int(_ v: Int) {
        bytes.append(contentsOf: String(v).utf8)
    }

    /// One decimal, without a trailing ".0": the same bytes on every machine.
    mutating func num(_ v: Double) {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        bytes.append(contentsOf: (a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)").utf8)
    }

    var html: SafeHTML { SafeHTML(trustedUTF8: bytes) }
}
