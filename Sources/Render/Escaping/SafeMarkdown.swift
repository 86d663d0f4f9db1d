/// Markdown that is safe to paste into a Markdown page as it is: the
/// Markdown twin of `SafeHTML`.
///
/// Made only by code that escaped everything untrusted in it: the
/// CommonMark re-writer (agent answers), tables built from
/// `MarkdownText` pieces, and fixed layout (list indentation). A Markdown
/// template pastes it; an HTML template shows it as text (escaped).
struct SafeMarkdown: Sendable, Hashable {
    /// The markup, as UTF-8 (valid by construction).
    let utf8: [UInt8]

    /// One line of plain text, escaped by `MarkdownText.inline`.
    init(escaping text: String) {
        utf8 = Array(MarkdownText.inline(text).utf8)
    }

    /// The caller vouches that the bytes came out of an escaping pipeline.
    init(trustedUTF8 bytes: [UInt8]) {
        utf8 = bytes
    }

    /// The caller vouches that `markdown` was built from escaped pieces.
    init(trusted markdown: String) {
        utf8 = Array(markdown.utf8)
    }

    /// `level` steps of list indentation (two spaces each): whitespace,
    /// which plain text would have trimmed.
    static func indentation(_ level: Int) -> SafeMarkdown {
        SafeMarkdown(trustedUTF8: Array(repeating: 0x20, count: 2 * max(0, level)))
    }

    var markdown: String { String(decoding: utf8, as: UTF8.self) }
}
