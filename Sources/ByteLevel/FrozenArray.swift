/// An array copied once into memory of its own and never changed: the
/// owner keeps this object and reads through `view`, a plain value, so a
/// hot loop (the template renderer, once per instruction) reads elements
/// without retaining and releasing an array buffer each time. The view is
/// valid while this object lives, as a `ByteView` is while its owner does.
public final class FrozenArray<Element>: @unchecked Sendable {
    public let view: FrozenView<Element>
    private let memory: UnsafeMutableBufferPointer<Element>

    public init(_ elements: [Element]) {
        memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, elements.count))
        _ = memory.initialize(from: elements)
        view = FrozenView(UnsafeBufferPointer(rebasing: memory[0..<elements.count]))
    }

    deinit {
        memory.baseAddress?.deinitialize(count: view.count)
        memory.deallocate()
    }
}

/// Read-only elements of a `FrozenArray`, valid while it lives.
@frozen
public struct FrozenView<Element>: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeBufferPointer<Element>

    @usableFromInline init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = buffer }

    @inlinable public var count: Int { buffer.count }

    @inlinable public subscript(i: Int) -> Element {
        @inline(__always) get { buffer[i] }
    }
}

extension FrozenView<UInt8> {
    /// The bytes in `range` as a view (same lifetime).
    @inlinable public func bytes(_ range: Range<Int>) -> ByteView {
        ByteView(UnsafeBufferPointer(rebasing: buffer[range]))
    }
}

extension Array<UInt8> {
    /// Appends the bytes of `view`.
    @inlinable
    public mutating func append(_ view: ByteView) {
        append(contentsOf: view.buffer)
    }
}
