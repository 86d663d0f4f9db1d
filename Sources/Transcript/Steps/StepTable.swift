/// A `table` or `graph` visualization's data (FORMAT.md §3): `columns`,
/// then `rows` (tables) or `data` (graphs), each falling back to the other.
/// Rows stay a view of the payload: a report shows only the first few.
public struct StepTable: Sendable {
    public enum Kind: Sendable { case table, graph }
    public let kind: Kind
    /// Empty when `columns` is missing or not an array.
    public let columns: [StepTableColumn]
    public let query: ShownValue?
    private let rowList: JSONValue?

    init(kind: Kind, data: JSONValue) {
        self.kind = kind
        let (primary, secondary) = kind == .table ? ("rows", "data") : ("data", "rows")
        rowList = data[primary].flatMap { $0.isArray ? $0 : nil } ?? data[secondary].flatMap { $0.isArray ? $0 : nil }
        query = data.shown("query")
        var columns: [StepTableColumn] = []
        if let list = data["columns"], list.isArray {
            for c in list.elements { columns.append(StepTableColumn(c)) }
        }
        self.columns = columns
    }

    /// Every row, shown or not.
    public var rowCount: Int { rowList?.count ?? 0 }

    /// The first `n` rows.
    public func rows(prefix n: Int) -> [StepTableRow] {
        guard let rowList else { return [] }
        return rowList.elements.prefix(n).map(StepTableRow.init)
    }
}

/// A column: a plain name, or `{name, type}` (one without a name is named by its JSON).
public struct StepTableColumn: Sendable, Equatable {
    public var name: String
    public var type: String?

    init(_ c: JSONValue) {
        if let name = c.string {
            self.name = name
            type = nil
        } else {
            name = c.shown("name")?.shown ?? c.displayText
            type = c.shown("type")?.shown
        }
    }
}

/// A row: an object keyed by column name, a positional array, or (as
/// written) any other value.
public struct StepTableRow: Sendable {
    public enum Shape: Sendable { case object, array, other }
    private let raw: JSONValue

    init(_ raw: JSONValue) { self.raw = raw }

    public var shape: Shape {
        if raw.isObject { return .object }
        return raw.isArray ? .array : .other
    }

    /// Members of an object row or elements of an array row; 0 for any other value.
    public var width: Int { raw.count }

    /// An object row's keys in document order (a repeated key each time it appears).
    public var keys: [String] { raw.members.map(\.key) }

    /// An object row's value for `key` (the last one when repeated).
    public func cell(named key: String) -> ShownValue? { raw.shown(key) }

    /// An array row's first `n` elements.
    public func cells(prefix n: Int) -> [ShownValue] { raw.elements.prefix(n).map(ShownValue.init) }

    /// The row as a whole.
    public var value: ShownValue { ShownValue(raw) }
}
