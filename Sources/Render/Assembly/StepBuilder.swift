import Transcript

/// Turns one step of the transcript (FORMAT.md §3 `step_complete`, §9
/// `tool_call.complete`) into a `ReportModel.Step`.
struct StepBuilder {
    let clock: Clock
    let maxTableRows: Int

    /// Above this many bytes of content a step starts folded in HTML.
    static let foldThreshold = 2_400
    /// Below this, a step is kept on one page when printed.
    static let compactThreshold = 900

    func step(_ record: StepRecord, position: Int, turnNumber: Int, day: String?) -> ReportModel.Step {
        var response: ReportModel.AgentMarkdown?
        var failure: ReportModel.StepFailure?
        if let card = record.failure {
            failure = ReportModel.StepFailure(kind: card.kind, code: card.code.isEmpty ? nil : card.code,
                                              summary: card.summary, message: card.response)
        } else if let value = record.response, !value.isNull {
            if let s = value.string {
                if !s.isEmpty { response = .init(source: s) }
            } else {
                // A non-string response is shown as the JSON it is.
                response = .init(source: MarkdownText.fencedBlock(value.text, info: "json"))
            }
        }
        let visualizations = record.visualizations.map(visualization)
        let action = record.action.map(self.action)
        let subSteps = record.subSteps.map {
            ReportModel.SubStep(index: $0.index?.shown, agent: $0.agent?.shown,
                                query: $0.query?.shown, result: $0.resultSummary?.shown)
        }
        let reasoning = record.reasoning
        let weight = Self.weight(response: response, visualizations: visualizations, subSteps: subSteps.count)
        return ReportModel.Step(
            number: record.number?.shown ?? String(position), position: position,
            anchor: "turn-\(turnNumber)-step-\(position)",
            agent: record.agent?.shown, timeText: clock.time(record.timestamp?.string, onDay: day),
            duration: record.duration?.shown, query: record.query?.shown,
            reasoning: reasoning?.shown, response: response, failure: failure,
            isAction: record.isAction || action != nil,
            visualizations: visualizations, action: action, subSteps: subSteps,
            folded: failure == nil && weight > Self.foldThreshold,
            compact: weight + (reasoning?.string?.utf8.count ?? 0) < Self.compactThreshold)
    }

    /// About how many bytes a step shows, for folding and printing.
    private static func weight(response: ReportModel.AgentMarkdown?, visualizations: [ReportModel.Visualization],
                               subSteps: Int) -> Int {
        var weight = response?.source.utf8.count ?? 0
        for v in visualizations {
            switch v {
            case .table(let t): weight += t.rows.count * 80
            case .documents(let d): weight += d.content?.source.utf8.count ?? 0
            case .other(_, let json): weight += json.utf8.count
            }
        }
        return weight + subSteps * 120
    }

    // MARK: - Visualizations (FORMAT.md §3)

    func visualization(_ v: StepVisualization) -> ReportModel.Visualization {
        switch v {
        case .table(let t):
            return .table(table(t))
        case .documents(let d):
            let citations = d.citations.map {
                ReportModel.Citation(title: $0.title, url: $0.url, linkURL: LinkPolicy.linkable($0.url))
            }
            let content = d.content?.string.flatMap { $0.isEmpty ? nil : ReportModel.AgentMarkdown(source: $0) }
            return .documents(.init(content: content, agent: d.agent?.shown, citations: citations,
                                    searchHits: d.searchHits?.shown, indexName: d.indexName?.shown))
        case .other(let type, let value):
            var json = value.text
            if json.count > 600 { json = String(json.prefix(600)) + "…" }
            return .other(type: type ?? "(no type)", json: json)
        }
    }

    /// Rows may be objects keyed by column name or positional arrays;
    /// columns may be `{name, type}` objects or plain names. Without columns,
    /// the keys of the shown rows are the columns, in first-seen order.
    func table(_ t: StepTable) -> ReportModel.DataTable {
        var cols = t.columns.map { ReportModel.Column(name: $0.name, type: $0.type) }
        let total = t.rowCount
        let shownRows = t.rows(prefix: maxTableRows)
        if cols.isEmpty {
            var seen = Set<String>()
            for row in shownRows {
                for key in row.keys where seen.insert(key).inserted { cols.append(.init(name: key, type: nil)) }
            }
            if cols.isEmpty, let width = shownRows.map(\.width).max(), shownRows.contains(where: { $0.shape == .array }) {
                cols = (1...max(1, width)).map { .init(name: "#\($0)", type: nil) }
            }
        }
        var cells: [[String]] = []
        cells.reserveCapacity(shownRows.count)
        for row in shownRows {
            switch row.shape {
            case .array:
                let values = row.cells(prefix: cols.count)
                cells.append(cols.indices.map { $0 < values.count ? cellText(values[$0]) : "" })
            case .object:
                cells.append(cols.map { row.cell(named: $0.name).map(cellText) ?? "" })
            case .other:
                cells.append([cellText(row.value)] + Array(repeating: "", count: max(0, cols.count - 1)))
            }
        }
        return .init(title: t.kind == .table ? "Table" : "Graph data", columns: cols, rows: cells, totalRows: total,
                     hiddenRows: max(0, total - shownRows.count), query: t.query?.shown)
    }

    private func cellText(_ v: ShownValue) -> String {
        v.isNull ? "" : v.text
    }

    // MARK: - Actions

    func action(_ a: StepAction) -> ReportModel.Action {
        switch a {
        case .notAnObject(let value): return .init(name: "action", sensorIDs: [], rawOutput: value.text)
        case .dispatch(let d): return dispatch(d)
        }
    }

    private func dispatch(_ d: DispatchRecord) -> ReportModel.Action {
        var coordinates: String?
        if let lat = d.latitude?.shown, let lon = d.longitude?.shown { coordinates = "\(lat), \(lon)" }
        return .init(
            name: d.actionName ?? "dispatch_field_engineer",
            status: d.status?.shown, dispatchID: d.dispatchID?.shown,
            dispatchTime: clock.full(d.dispatchTime?.shown),
            engineerName: d.engineerName, engineerEmail: d.engineerEmail?.shown, engineerPhone: d.engineerPhone?.shown,
            urgency: d.urgency?.shown, destination: d.destination,
            coordinates: coordinates, mapsLink: d.mapsLink, mapsURL: LinkPolicy.linkable(d.mapsLink), sensorIDs: d.sensorIDs,
            emailSubject: d.emailSubject?.shown, emailBody: d.emailBody?.shown,
            rawOutput: d.rawOutput?.shown)
    }
}
