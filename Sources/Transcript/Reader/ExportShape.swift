/// The shape of an input file, detected from its bytes (FORMAT.md §1).
public enum ExportShape: String, Sendable {
    case array = "container export (JSON array)"
    case listing = "session listing ({\"sessions\": [...]})"
    case interactionsListing = "interactions listing ({\"interactions\": [...]})"
    case single = "single document"
    case jsonLines = "JSON Lines"
    case empty = "empty"
}
