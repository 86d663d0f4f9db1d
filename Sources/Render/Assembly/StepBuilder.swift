import Transcript

/// Turns one step payload (FORMAT.md §3 `step_complete`, §9
/// `tool_call.complete`) into a `ReportModel.Step`.
struct StepBuilder {
    let clock: Clock
    let maxTableRows: Int

    /// Above this many bytes of content a step starts folded in HTML.
    static let foldThreshold = 2_400
    /// Below this, a step is kept on one page when printed.
    static let compactThreshold = 900

    func step(_ payload: JSONValue, position: Int, turnNumber: Int, day: String?) -> ReportModel.Step {
        let failed = payload["error"]?.isTrue == true
        let responseValue = payload["response"]
        var response: ReportModel.AgentMarkdown?
        var failure: ReportModel.StepFailure?
        if failed {
            let text = responseValue?.displayText ?? ""
            let card = StepErrorKind.parse(responseValue)
            failure = ReportModel.StepFailure(kind: card.kind, code: card.code.isEmpty ? nil : card.code,
                                              summary: card.kind.summary, message: text)
        } else if let value = responseValue, !value.isNull {
            if let s = value.string {
                if !s.isEmpty { response = .init(source: s) }
            } else {
                // A non-string response is shown as the JSON it is.
                response = .init(source: MarkdownText.fencedBlock(value.displayText, info: "json"))
            }
        }

        var visualizations: [ReportModel.Visualization] = []
        if let list = payload["visualizations"], list.isArray {
            for v in list.elements { visualizations.append(visualization(v)) }
        }
        if let single = payload["visualization"], single.isObject {
            visualizations.append(visualization(single))
        }

        let action = payload["action"].flatMap { $0.isNull ? nil : self.action($0) }
        var subSteps: [ReportModel.SubStep] = []
        if let list = payload["sub_steps"], list.isArray {
            for item in list.elements {
                subSteps.append(.init(index: item["index"]?.shownText, agent: item["agent"]?.shownText,
                                      query: item["query"]?.shownText, result: item["result_summary"]?.shownText))
            }
        }

        let number = payload["step"]?.shownText ?? String(position)
        var weight = response?.source.utf8.count ?? 0
        for v in visualizations {
            switch v {
            case .table(let t): weight += t.rows.count * 80
            case .documents(let d): weight += d.content?.source.utf8.count ?? 0
            case .other(_, let json): weight += json.utf8.count
            }
        }
        weight += subSteps.count * 120

        return ReportModel.Step(
            number: number, position: position, anchor: "turn-\(turnNumber)-step-\(position)",
            agent: payload["agent"]?.shownText, timeText: clock.time(payload["timestamp"]?.string, onDay: day),
            duration: payload["duration"]?.shownText, query: payload["query"]?.shownText,
            reasoning: payload["reasoning"]?.shownText, response: response, failure: failure,
            isAction: payload["is_action"]?.isTrue == true || action != nil,
            visualizations: visualizations, action: action, subSteps: subSteps,
            folded: failure == nil && weight > Self.foldThreshold,
            compact: weight + (payload["reasoning"]?.string?.utf8.count ?? 0) < Self.compactThreshold)
    }

    // MARK: - Visualizations (FORMAT.md §3)

    func visualization(_ v: JSONValue) -> ReportModel.Visualization {
        let type = v["type"]?.string ?? "(no type)"
        let data = v["data"] ?? .emptyObject
        switch type {
        case "table", "graph":
            let primary = type == "table" ? "rows" : "data"
            let secondary = type == "table" ? "data" : "rows"
            let rows = data[primary].flatMap { $0.isArray ? $0 : nil } ?? data[secondary].flatMap { $0.isArray ? $0 : nil }
            return .table(table(title: type == "table" ? "Table" : "Graph data", columns: data["columns"],
                                rows: rows, query: data["query"]?.shownText))
        case "documents":
            var citations: [ReportModel.Citation] = []
            if let list = data["citations"], list.isArray {
                for c in list.elements {
                    if let url = c.string {
                        citations.append(.init(title: url, url: url, linkURL: LinkPolicy.linkable(url)))
                    } else {
                        let url = c["url"]?.shownText
                        let title = c["title"]?.shownText ?? url ?? c.displayText
                        citations.append(.init(title: title, url: url, linkURL: LinkPolicy.linkable(url)))
                    }
                }
            }
            let content = data["content"]?.string.flatMap { $0.isEmpty ? nil : ReportModel.AgentMarkdown(source: $0) }
            return .documents(.init(content: content, agent: data["agent"]?.shownText, citations: citations,
                                    searchHits: data["searchHits"]?.shownText, indexName: data["indexName"]?.shownText))
        default:
            var json = v.displayText
            if json.count > 600 { json = String(json.prefix(600)) + "…" }
            return .other(type: type, json: json)
        }
    }

    /// Rows may be objects keyed by column name or positional arrays;
    /// columns may be `{name, type}` objects or plain names. Without columns,
    /// the keys of the shown rows are the columns, in first-seen order.
    func table(title: String, columns: JSONValue?, rows: JSONValue?, query: String?) -> ReportModel.DataTable {
        var cols: [ReportModel.Column] = []
        if let columns, columns.isArray {
            for c in columns.elements {
                if let name = c.string {
                    cols.append(.init(name: name, type: nil))
                } else {
                    cols.append(.init(name: c["name"]?.shownText ?? c.displayText, type: c["type"]?.shownText))
                }
            }
        }
        let total = rows?.count ?? 0
        let shownRows = rows.map { Array($0.elements.prefix(maxTableRows)) } ?? []
        if cols.isEmpty {
            var seen = Set<String>()
            for row in shownRows {
                for (key, _) in row.members where seen.insert(key).inserted { cols.append(.init(name: key, type: nil)) }
            }
            if cols.isEmpty, let width = shownRows.map(\.count).max(), shownRows.contains(where: \.isArray) {
                cols = (1...max(1, width)).map { .init(name: "#\($0)", type: nil) }
            }
        }
        var cells: [[String]] = []
        cells.reserveCapacity(shownRows.count)
        for row in shownRows {
            if row.isArray {
                let values = Array(row.elements)
                cells.append(cols.indices.map { $0 < values.count ? cellText(values[$0]) : "" })
            } else if row.isObject {
                cells.append(cols.map { row[$0.name].map(cellText) ?? "" })
            } else {
                cells.append([cellText(row)] + Array(repeating: "", count: max(0, cols.count - 1)))
            }
        }
        return .init(title: title, columns: cols, rows: cells, totalRows: total,
                     hiddenRows: max(0, total - shownRows.count), query: query)
    }

    private func cellText(_ v: JSONValue) -> String {
        v.isNull ? "" : v.displayText
    }

    // MARK: - Actions

    func action(_ a: JSONValue) -> ReportModel.Action {
        guard a.isObject else {
            return .init(name: "action", sensorIDs: [], rawOutput: a.displayText)
        }
        let engineer = a["engineer"]
        let destination = a["destination"]
        var coordinates: String?
        if let lat = destination?["latitude"]?.shownText, let lon = destination?["longitude"]?.shownText {
            coordinates = "\(lat), \(lon)"
        }
        let maps = destination?["maps_link"]?.shownText ?? a["maps_link"]?.shownText
        var sensors: [String] = []
        if let list = a["sensor_ids"] {
            if list.isArray { sensors = list.elements.compactMap(\.shownText) } else if let one = list.shownText { sensors = [one] }
        }
        return .init(
            name: a["action_name"]?.string ?? "dispatch_field_engineer",
            status: a["status"]?.shownText, dispatchID: a["dispatch_id"]?.shownText,
            dispatchTime: clock.full(a["dispatch_time"]?.shownText),
            engineerName: engineer?["name"]?.shownText ?? (engineer?.isString == true ? engineer?.string : nil),
            engineerEmail: engineer?["email"]?.shownText, engineerPhone: engineer?["phone"]?.shownText,
            urgency: a["urgency"]?.shownText,
            destination: destination?["description"]?.shownText ?? (destination?.isString == true ? destination?.string : nil),
            coordinates: coordinates, mapsLink: maps, mapsURL: LinkPolicy.linkable(maps), sensorIDs: sensors,
            emailSubject: a["email_subject"]?.shownText, emailBody: a["email_body"]?.shownText,
            rawOutput: a["raw_output"]?.shownText)
    }
}
