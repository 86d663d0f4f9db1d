/// Draws one stacked bar chart as inline SVG: no script, no style
/// attributes (classes styled by the index page), one `<g>` per bar whose
/// `<title>` names the bar and its counts, so hovering says what it shows.
struct ArchiveChartSVG {
    var stack: ArchiveChart.Stack
    /// CSS class per series ("c-failed"), in the order of the counts.
    var classes: [String]
    var labels: [String]
    /// Stacking order, bottom first, as indexes into the counts.
    var order: [Int]
    /// Appended to the count in titles ("" or " with a failure reason").
    var noun: String
    var ariaLabel: String

    static let width = 960.0, height = 230.0
    static let left = 44.0, right = 8.0, top = 10.0, bottom = 26.0

    func draw(into w: inout MarkupWriter) {
        let slots = stack.bars.count + (stack.undated == nil ? 0 : 2)
        let plotW = Self.width - Self.left - Self.right, plotH = Self.height - Self.top - Self.bottom
        let slot = plotW / Double(max(1, slots))
        let gap = slot >= 4 ? max(1, slot * 0.18) : 0
        let maxTotal = max(1, stack.bars.map(\.total).max() ?? 0, stack.undated?.total ?? 0)
        let (step, axisTop) = Self.ticks(maxTotal)
        let scale = plotH / Double(axisTop)
        let baseY = Self.top + plotH

        w.raw("<svg class=\"chart-svg\" viewBox=\"0 0 ")
        w.num(Self.width); w.raw(" "); w.num(Self.height)
        w.raw("\" role=\"img\" aria-label=\""); w.text(ariaLabel); w.raw("\">\n<desc>"); w.text(ariaLabel); w.raw("</desc>\n")
        w.raw("<g class=\"grid\">\n")
        var tick = 0
        while tick <= axisTop {
            let y = baseY - Double(tick) * scale
            w.raw("<line x1=\""); w.num(Self.left); w.raw("\" x2=\""); w.num(Self.width - Self.right)
            w.raw("\" y1=\""); w.num(y); w.raw("\" y2=\""); w.num(y); w.raw("\"/>")
            w.raw("<text x=\""); w.num(Self.left - 6); w.raw("\" y=\""); w.num(y + 4); w.raw("\" text-anchor=\"end\">")
            w.int(tick); w.raw("</text>\n")
            tick += step
        }
        w.raw("</g>\n<g class=\"bars\">\n")
        for (i, bar) in stack.bars.enumerated() {
            drawBar(bar, x: Self.left + Double(i) * slot + gap / 2, width: slot - gap, undated: false,
                    baseY: baseY, plotH: plotH, scale: scale, into: &w)
        }
        if let u = stack.undated {
            drawBar(u, x: Self.left + Double(slots - 1) * slot + gap / 2, width: slot - gap, undated: true,
                    baseY: baseY, plotH: plotH, scale: scale, into: &w)
        }
        w.raw("</g>\n")
        drawAxis(slot: slot, baseY: baseY, slots: slots, into: &w)
        w.raw("</svg>\n")
    }

    private func drawBar(_ bar: ArchiveChart.Bar, x: Double, width: Double, undated: Bool,
                         baseY: Double, plotH: Double, scale: Double, into w: inout MarkupWriter) {
        w.raw("<g class=\"bar\"><title>")
        w.text(ArchiveChart.title(bar, bin: stack.bin, labels: labels, noun: noun, undated: undated))
        w.raw("</title><rect class=\"hit\" x=\""); w.num(x); w.raw("\" y=\""); w.num(Self.top)
        w.raw("\" width=\""); w.num(width); w.raw("\" height=\""); w.num(plotH); w.raw("\"/>")
        var below = 0
        for i in order where bar.counts[i] > 0 {
            // Both edges from cumulative counts: segments meet without gaps.
            let y0 = baseY - Double(below) * scale, y1 = baseY - Double(below + bar.counts[i]) * scale
            below += bar.counts[i]
            w.raw("<rect class=\""); w.text(classes[i]); w.raw("\" x=\""); w.num(x); w.raw("\" y=\""); w.num(y1)
            w.raw("\" width=\""); w.num(width); w.raw("\" height=\""); w.num(y0 - y1); w.raw("\"/>")
        }
        w.raw("</g>\n")
    }

    /// Labels every few bars, far enough apart not to overlap.
    private func drawAxis(slot: Double, baseY: Double, slots: Int, into w: inout MarkupWriter) {
        w.raw("<g class=\"axis\">\n")
        let every = max(1, Int((78 / slot).rounded(.up)))
        var i = 0
        while i < stack.bars.count {
            let x = Self.left + Double(i) * slot
            if x <= Self.width - Self.right - 60 {
                w.raw("<text x=\""); w.num(x); w.raw("\" y=\""); w.num(baseY + 17); w.raw("\">")
                w.text(String(stack.bars[i].label.prefix(10))); w.raw("</text>\n")
            }
            i += every
        }
        if stack.undated != nil {
            w.raw("<text x=\""); w.num(Self.left + Double(slots - 1) * slot + slot / 2); w.raw("\" y=\"")
            w.num(baseY + 17); w.raw("\" text-anchor=\"end\">no date</text>\n")
        }
        w.raw("</g>\n")
    }

    /// A step of 1, 2 or 5 times a power of ten giving at most 4 gridlines
    /// above zero, and the axis top (a multiple of it).
    static func ticks(_ maxTotal: Int) -> (step: Int, top: Int) {
        var magnitude = 1
        while true {
            for m in [1, 2, 5] {
                let step = m * magnitude
                let count = (maxTotal + step - 1) / step
                if count <= 4 { return (step, max(1, count) * step) }
            }
            magnitude *= 10
        }
    }
}
