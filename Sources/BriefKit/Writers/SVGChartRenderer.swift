/// Draws a chart of the briefing IR as a self-contained SVG element for inline use in HTML.
///
/// It knows only the `Chart` it is given. Every data string goes through `HTMLWriter.text` (`Escaping.xml`); every
/// number is written by `SVGChartRenderer.number(_:)` (at most one decimal, no locale), so the same chart always gives the same bytes.
public struct SVGChartRenderer: Sendable {
    /// The width of the drawing, in SVG user units (the element scales to its container).
    public var width: Int

    public init(width: Int = 640) {
        self.width = width
    }

    /// The chart as an `<svg role="img">` element with a `<title>` and a `<desc>`, or nil when it has no data to
    /// draw. `idPrefix` (already safe for an id) names the title and description for `aria-labelledby`.
    public func render(_ chart: Chart, idPrefix: String) -> String? {
        guard !chart.points.isEmpty else { return nil }
        switch chart.kind {
        case .timeline(let target): return timeline(chart, target: target, idPrefix: idPrefix)
        case .bars: return bars(chart, idPrefix: idPrefix)
        }
    }

    // MARK: Palette (no data ever reaches these)

    static let ink = "#1f2328"
    static let muted = "#5b6169"
    static let grid = "#d7dbe0"
    static let series = "#2f4f73"
    static let seriesFill = "#2f4f73"
    static let target = "#9a3412"
    static let fontFamily = "Georgia, 'DejaVu Serif', 'Times New Roman', serif"

    // MARK: Timeline

    private func timeline(_ chart: Chart, target: Int?, idPrefix: String) -> String {
        let points = chart.points
        let width = Double(self.width)
        let height = 280.0
        let left = 56.0, right = 28.0, top = 28.0, bottom = 44.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let baseY = top + plotHeight

        // Positions and scale as every renderer computes them.
        let scale = ChartLayout.Scale(timeline: points, target: target)
        let plot = ChartLayout.Timeline(points: points, scale: scale, left: left, width: plotWidth, baseY: baseY, height: plotHeight)
        let xs = plot.xs
        func y(_ value: Int) -> Double { plot.y(value) }
        let zeroY = plot.zeroY

        var svg = open(chart, height: height, idPrefix: idPrefix)
        // Grid and y labels.
        svg += "<g class=\"grid\" stroke=\"\(Self.grid)\" stroke-width=\"1\">\n"
        for tick in scale.values {
            let ty = Self.number(y(tick))
            svg += "<line x1=\"\(Self.number(left))\" y1=\"\(ty)\" x2=\"\(Self.number(left + plotWidth))\" y2=\"\(ty)\"/>\n"
        }
        svg += "</g>\n"
        svg += "<g class=\"y-labels\" font-size=\"11\" fill=\"\(Self.muted)\" text-anchor=\"end\">\n"
        for tick in scale.values {
            svg += "<text x=\"\(Self.number(left - 8))\" y=\"\(Self.number(y(tick) + 4))\">\(tick)</text>\n"
        }
        svg += "</g>\n"
        // Axes.
        svg += "<g class=\"axes\" stroke=\"\(Self.ink)\" stroke-width=\"1\">\n"
        svg += "<line x1=\"\(Self.number(left))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(left))\" y2=\"\(Self.number(baseY))\"/>\n"
        svg += "<line x1=\"\(Self.number(left))\" y1=\"\(Self.number(baseY))\" x2=\"\(Self.number(left + plotWidth))\" y2=\"\(Self.number(baseY))\"/>\n"
        svg += "</g>\n"

        // The step line: each point's value holds until the next point.
        var line = "M\(Self.number(xs[0])) \(Self.number(zeroY))"
        for (index, point) in points.enumerated() {
            if index > 0 { line += " H\(Self.number(xs[index]))" }
            line += " V\(Self.number(y(point.value)))"
        }
        let area = line + " V\(Self.number(zeroY)) Z"
        svg += "<path class=\"area\" d=\"\(area)\" fill=\"\(Self.seriesFill)\" fill-opacity=\"0.12\" stroke=\"none\"/>\n"
        svg += "<path class=\"series\" d=\"\(line)\" fill=\"none\" stroke=\"\(Self.series)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n"

        // The target line.
        if let target {
            let ty = Self.number(y(target))
            svg += "<g class=\"target\">\n"
            svg += "<line x1=\"\(Self.number(left))\" y1=\"\(ty)\" x2=\"\(Self.number(left + plotWidth))\" y2=\"\(ty)\" stroke=\"\(Self.target)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            svg += "<text x=\"\(Self.number(left + 6))\" y=\"\(Self.number(y(target) - 6))\" font-size=\"12\" fill=\"\(Self.target)\">committed \(target)</text>\n"
            svg += "</g>\n"
        }

        // Points, each with its value as a tooltip.
        svg += "<g class=\"points\" fill=\"\(Self.series)\">\n"
        for (index, point) in points.enumerated() {
            svg += "<circle cx=\"\(Self.number(xs[index]))\" cy=\"\(Self.number(y(point.value)))\" r=\"3\"><title>\(HTMLWriter.text(point.label)): \(point.value)</title></circle>\n"
        }
        svg += "</g>\n"
        // The last value, labelled.
        if let last = points.last, let lastX = xs.last {
            let nearRight = lastX > left + plotWidth - 40
            svg += "<text class=\"last-value\" x=\"\(Self.number(nearRight ? lastX - 6 : lastX + 6))\" y=\"\(Self.number(y(last.value) - 8))\" font-size=\"12\" font-weight=\"bold\" fill=\"\(Self.series)\" text-anchor=\"\(nearRight ? "end" : "start")\">\(last.value)</text>\n"
        }

        // X labels: first and last always, others where they do not crowd.
        svg += "<g class=\"x-labels\" font-size=\"11\" fill=\"\(Self.muted)\" text-anchor=\"middle\">\n"
        for index in ChartLayout.labelled(xs.map { ChartLayout.Span(x: $0, width: 0) }, gap: 84) {
            let label = HTMLWriter.text(Escaping.bounded(points[index].label, limit: 14))
            let anchor = xs.count > 1 && index == 0 ? " text-anchor=\"start\"" : (xs.count > 1 && index == xs.count - 1 ? " text-anchor=\"end\"" : "")
            let x = Self.number(xs[index] + (anchor.contains("start") ? -4 : (anchor.contains("end") ? 4 : 0)))
            svg += "<line x1=\"\(Self.number(xs[index]))\" y1=\"\(Self.number(baseY))\" x2=\"\(Self.number(xs[index]))\" y2=\"\(Self.number(baseY + 5))\" stroke=\"\(Self.ink)\"/>\n"
            svg += "<text x=\"\(x)\" y=\"\(Self.number(baseY + 20))\"\(anchor)>\(label)</text>\n"
        }
        svg += "</g>\n"
        return svg + "</svg>"
    }

    // MARK: Bars

    private func bars(_ chart: Chart, idPrefix: String) -> String {
        let points = chart.points
        let width = Double(self.width)
        let rowHeight = 26.0, barHeight = 16.0, top = 10.0, bottom = 10.0
        let labelLimit = 30
        let longest = points.map { min($0.label.unicodeScalars.count, labelLimit + 1) }.max() ?? 0
        let labelWidth = min(230, max(70, Double(longest) * 6.8 + 14))
        let valueRoom = 48.0
        let plotLeft = labelWidth
        let plotWidth = width - labelWidth - valueRoom
        let height = top + Double(points.count) * rowHeight + bottom
        let bars = ChartLayout.Bars(points: points)

        var svg = open(chart, height: height, idPrefix: idPrefix)
        svg += "<line x1=\"\(Self.number(plotLeft))\" y1=\"\(Self.number(top - 4))\" x2=\"\(Self.number(plotLeft))\" y2=\"\(Self.number(height - bottom + 4))\" stroke=\"\(Self.ink)\" stroke-width=\"1\"/>\n"
        for (index, point) in points.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let barY = rowTop + (rowHeight - barHeight) / 2
            let textY = rowTop + rowHeight / 2 + 4
            let length = bars.length(point.value, in: plotWidth)
            let label = HTMLWriter.text(Escaping.bounded(point.label, limit: labelLimit))
            svg += "<g class=\"bar\"><title>\(HTMLWriter.text(point.label)): \(point.value)</title>\n"
            svg += "<text x=\"\(Self.number(plotLeft - 8))\" y=\"\(Self.number(textY))\" font-size=\"12\" fill=\"\(Self.ink)\" text-anchor=\"end\">\(label)</text>\n"
            svg += "<rect x=\"\(Self.number(plotLeft))\" y=\"\(Self.number(barY))\" width=\"\(Self.number(length))\" height=\"\(Self.number(barHeight))\" fill=\"\(Self.series)\"/>\n"
            svg += "<text x=\"\(Self.number(plotLeft + length + 6))\" y=\"\(Self.number(textY))\" font-size=\"12\" font-weight=\"bold\" fill=\"\(Self.ink)\">\(point.value)</text>\n"
            svg += "</g>\n"
        }
        return svg + "</svg>"
    }

    // MARK: Shared

    private func open(_ chart: Chart, height: Double, idPrefix: String) -> String {
        let titleID = idPrefix + "-title"
        let descID = idPrefix + "-desc"
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\""
            + " viewBox=\"0 0 \(self.width) \(Self.number(height))\" width=\"\(self.width)\" height=\"\(Self.number(height))\""
            + " font-family=\"\(Self.fontFamily)\">\n"
            + "<title id=\"\(titleID)\">\(HTMLWriter.text(chart.title))</title>\n"
            + "<desc id=\"\(descID)\">\(HTMLWriter.text(chart.description))</desc>\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    }


    /// A coordinate with at most one decimal, without locale: `12`, `12.5`, `-0.3`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        guard abs(tenths) < 1e15 else { return "0" }
        let whole = Int(tenths)
        let magnitude = abs(whole)
        let sign = whole < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
