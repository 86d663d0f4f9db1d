/// Untrusted text shown in a message: quoted, cut short, controls escaped.
func quoted(_ text: String, limit: Int = 80) -> String {
    var out = "\""
    for (i, scalar) in text.unicodeScalars.enumerated() {
        if i == limit { out += "…"; break }
        if scalar == "\"" || scalar == "\\" { out += "\\" }
        out += escapingControls(scalar)
    }
    return out + "\""
}

/// Text safe to print on a terminal: control characters (escape sequences)
/// and bidirectional overrides are shown as `\u{…}`.
public func escapingControls(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars { out += escapingControls(scalar) }
    return out
}

private func escapingControls(_ s: Unicode.Scalar) -> String {
    isControl(s) ? "\\u{\(String(s.value, radix: 16))}" : String(s)
}

private func isControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}
