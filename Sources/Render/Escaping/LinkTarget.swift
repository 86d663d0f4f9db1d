/// A link destination as a template writes it (`href="…"`, `(<…>)`): made
/// only by `LinkPolicy`, percent-encoded so that it sits in a Markdown
/// `<…>` destination as it is; an HTML template still escapes it.
struct LinkTarget: Sendable, Hashable {
    let url: String

    /// An http(s) URL that `LinkPolicy.linkable` accepted.
    init(accepted url: String) {
        self.url = LinkPolicy.percentEscaped(url)
    }

    /// A sibling file (`./name.html`).
    init(file name: String) {
        url = LinkPolicy.relativeFileLink(name)
    }
}
