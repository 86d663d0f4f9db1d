import Testing
@testable import Transcript

@Suite struct SHA256Tests {
    /// A session's input hash is of its document and chunks joined by one
    /// NUL; `hex(parts:)` hashes them without joining. Pinned values
    /// computed with Python hashlib over the joined bytes.
    @Test(arguments: [
        (["abc"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (["ab", "c"], "6c032e631d39a14d85aff7e319546af701e26c97b57ca95fbfe9c6ba855f67bf"),
        (["", "x"], "3c7e9bc930dc93f01fa69985ef242d9f9e861f3c5355aa24ce5ef4b4b8a70ccb"),
        (["doc", "chunk 0", "chunk 1"], "94c1fa8eeb994e78ce48cfb235d967190ebc4d30ee14a21f70fb7ad9b8126ab4"),
    ])
    func partsHashAsJoined(_ parts: [String], _ expected: String) {
        let bytes = parts.map { Array($0.utf8) }
        #expect(SHA256.hex(parts: bytes) == expected)
        #expect(SHA256.hex(bytes: Array(bytes.joined(separator: [0]))) == expected)
    }
}
