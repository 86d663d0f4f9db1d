/// Appends compact JSON to a byte buffer; keys are written in call order.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// Per open container: whether a member was already written.
    private var written: [Bool] = []
    /// A key was just written: its value takes no comma.
    private var afterKey = false

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        guard let last = written.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        written[written.count - 1] = true
    }

    public mutating func key(_ k: String) {
        beforeValue()
        appendJSONString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ s: String) { beforeValue(); appendJSONString(s, to: &bytes) }
    public mutating func int(_ i: Int) { beforeValue(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func double(_ d: Double) {
        beforeValue()
        bytes.append(contentsOf: (d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null").utf8)
    }
    public mutating func bool(_ b: Bool) { beforeValue(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func null() { beforeValue(); bytes.append(contentsOf: "null".utf8) }
    public mutating func raw(_ value: JSONValue) { beforeValue(); value.writeCompact(to: &bytes) }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        written.append(false)
        body(&self)
        written.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        written.append(false)
        body(&self)
        written.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func field(_ k: String, _ s: String?) { if let s { key(k); string(s) } }
    public mutating func field(_ k: String, _ i: Int?) { if let i { key(k); int(i) } }
    public mutating func field(_ k: String, raw v: JSONValue?) { if let v { key(k); raw(v) } }
}
