import BriefTypesetting

/// Draws a chart of the briefing IR as vectors on a BriefTypesetting drawing context (PDF pages, PNG images).
///
/// It knows only the `Chart` it is given; data strings are drawn as plain text (never markup), control characters
/// shown escaped. Sizes are in user units (points on a PDF page).
struct ChartPainter {
    var fontFamily = "DejaVu Sans"
    /// Size of axis labels; the other sizes follow it.
    var fontSize = 8.0

    // Palette (no data ever reaches these).
    static let ink = RGB(hex: 0x1F2328)
    static let muted = RGB(hex: 0x5B6169)
    static let grid = RGB(hex: 0xD7DBE0)
    static let series = RGB(hex: 0x2F4F73)
    /// The series colour at 12% over white: an opaque area fill.
    static let area = RGB(hex: 0xE0E5EA)
    static let target = RGB(hex: 0x9A3412)

    /// The height the chart wants at `width`: fixed for timelines, one row per category for bars.
    func preferredHeight(for chart: Chart, width: Double) -> Double {
        switch chart.kind {
        case .timeline: min(210, max(140, width * 0.42))
        case .bars: 8 + Double(max(chart.points.count, 1)) * rowHeight + 8
        }
    }

    var rowHeight: Double { fontSize * 2.6 }

    /// Draws the chart inside `rect`. Nothing is drawn for a chart without points.
    func paint(_ chart: Chart, on context: DrawingContext, in rect: Rect) throws(TypesettingError) {
        guard !chart.points.isEmpty, rect.width > 40, rect.height > 20 else { return }
        context.save()
        defer { context.restore() }
        context.clip(to: rect)
        switch chart.kind {
        case .timeline(let target): try timeline(chart, target: target, on: context, in: rect)
        case .bars: try bars(chart, on: context, in: rect)
        }
    }

    private func font(_ weight: FontSpec.Weight = .regular, scale: Double = 1) -> FontSpec {
        FontSpec(family: fontFamily, size: fontSize * scale, weight: weight)
    }

    private func label(_ text: String, limit: Int) -> String {
        Escaping.bounded(Escaping.visible(text), limit: limit)
    }

    // MARK: Timeline

    private func timeline(_ chart: Chart, target: Int?, on context: DrawingContext, in rect: Rect) throws(TypesettingError) {
        let points = chart.points
        let scale = ChartLayout.Scale(timeline: points, target: target)

        let tickStyle = TextStyle(font: font(), color: Self.muted, alignment: .right)
        let tickLabels = try scale.values.map { value throws(TypesettingError) in try context.layout("\(value)", style: tickStyle) }
        let left = rect.x + (tickLabels.map(\.metrics.width).max() ?? 0) + 10
        let right = rect.maxX - 14
        let top = rect.y + fontSize * 2
        let baseY = rect.maxY - fontSize * 3
        let plotWidth = max(1, right - left)
        // Positions as every renderer computes them.
        let plot = ChartLayout.Timeline(points: points, scale: scale, left: left, width: plotWidth, baseY: baseY,
                                         height: max(1, baseY - top))
        let xs = plot.xs
        func y(_ value: Int) -> Double { plot.y(value) }
        let zeroY = plot.zeroY

        // Grid and y labels.
        let gridStroke = StrokeStyle(color: Self.grid, width: 0.6)
        for (tick, layout) in zip(scale.values, tickLabels) {
            let ty = y(tick)
            context.strokeLine(from: Point(x: left, y: ty), to: Point(x: right, y: ty), style: gridStroke)
            context.draw(layout, at: Point(x: left - 6 - layout.metrics.width, y: ty - layout.metrics.height / 2))
        }

        // Area and step line: each value holds until the next point.
        var step: [Point] = [Point(x: xs[0], y: zeroY)]
        for (index, point) in points.enumerated() {
            if index > 0 { step.append(Point(x: xs[index], y: step[step.count - 1].y)) }
            step.append(Point(x: xs[index], y: y(point.value)))
        }
        context.fillPolygon(step + [Point(x: xs[xs.count - 1], y: zeroY)], color: Self.area)
        context.strokePolyline(step, style: StrokeStyle(color: Self.series, width: 1.8))

        // Axes.
        let axis = StrokeStyle(color: Self.ink, width: 0.8)
        context.strokeLine(from: Point(x: left, y: top), to: Point(x: left, y: baseY), style: axis)
        context.strokeLine(from: Point(x: left, y: baseY), to: Point(x: right, y: baseY), style: axis)

        // The target line, dashed, labelled.
        if let target {
            let ty = y(target)
            context.strokeLine(from: Point(x: left, y: ty), to: Point(x: right, y: ty),
                               style: StrokeStyle(color: Self.target, width: 1.1, dash: [4, 3]))
            let text = try context.layout("committed \(target)", style: TextStyle(font: font(scale: 1.1), color: Self.target))
            context.draw(text, at: Point(x: left + 5, y: ty - text.metrics.height - 1))
        }

        // Points and the last value.
        for (index, point) in points.enumerated() {
            context.fillCircle(center: Point(x: xs[index], y: y(point.value)), radius: 2.2, color: Self.series)
        }
        if let last = points.last, let lastX = xs.last {
            let text = try context.layout("\(last.value)", style: TextStyle(font: font(.bold, scale: 1.1), color: Self.series))
            let nearRight = lastX > right - text.metrics.width - 8
            let x = nearRight ? lastX - 5 - text.metrics.width : lastX + 5
            context.draw(text, at: Point(x: x, y: y(last.value) - text.metrics.height - 2))
        }

        // X labels: first and last always, others where they do not crowd.
        let labelStyle = TextStyle(font: font(), color: Self.muted)
        let labels = try points.map { point throws(TypesettingError) in try context.layout(label(point.label, limit: 14), style: labelStyle) }
        // Each label's extent: centred on its tick, the first and last kept inside the plot's ends.
        var spans: [ChartLayout.Span] = []
        for index in xs.indices {
            let w: Double = labels[index].metrics.width
            var x: Double = xs[index] - w / 2
            if xs.count > 1, index == 0 { x = xs[index] - 2 }
            if xs.count > 1, index == xs.count - 1 { x = xs[index] - w + 2 }
            x = Swift.min(Swift.max(x, rect.x), rect.maxX - w)
            spans.append(ChartLayout.Span(x: x, width: w))
        }
        for index in ChartLayout.labelled(spans, gap: 10) {
            context.strokeLine(from: Point(x: xs[index], y: baseY), to: Point(x: xs[index], y: baseY + 3.5), style: axis)
            context.draw(labels[index], at: Point(x: spans[index].x, y: baseY + 5))
        }
    }


    // MARK: Bars

    private func bars(_ chart: Chart, on context: DrawingContext, in rect: Rect) throws(TypesettingError) {
        let points = chart.points
        let row = min(rowHeight, (rect.height - 8) / Double(points.count))
        let size = min(fontSize * 1.1, row * 0.55)
        let labelStyle = TextStyle(font: FontSpec(family: fontFamily, size: size), color: Self.ink)
        let valueStyle = TextStyle(font: FontSpec(family: fontFamily, size: size, weight: .bold), color: Self.ink)
        let labels = try points.map { point throws(TypesettingError) in try context.layout(label(point.label, limit: 40), style: labelStyle) }
        let values = try points.map { point throws(TypesettingError) in try context.layout("\(point.value)", style: valueStyle) }
        let labelWidth = min(rect.width * 0.4, (labels.map(\.metrics.width).max() ?? 0))
        for layout in labels where layout.metrics.width > labelWidth { try layout.setWidth(labelWidth) }
        let plotLeft = rect.x + labelWidth + 8
        let valueRoom = (values.map(\.metrics.width).max() ?? 0) + 8
        let plotWidth = max(1, rect.maxX - plotLeft - valueRoom)
        let bars = ChartLayout.Bars(points: points)
        let top = rect.y + 4

        for (index, point) in points.enumerated() {
            let rowTop = top + Double(index) * row
            let middle = rowTop + row / 2
            let label = labels[index]
            // A label too long for one line keeps its first line only.
            if label.metrics.lineCount > 1, let first = label.lines.first {
                context.draw(label, at: Point(x: plotLeft - 8 - labelWidth, y: middle - (first.bottom - first.top) / 2), lines: 0..<1)
            } else {
                context.draw(label, at: Point(x: plotLeft - 8 - label.metrics.width, y: middle - label.metrics.height / 2))
            }
            let length = bars.length(point.value, in: plotWidth)
            let barHeight = row * 0.62
            context.fill(Rect(x: plotLeft, y: middle - barHeight / 2, width: length, height: barHeight), color: Self.series)
            context.draw(values[index], at: Point(x: plotLeft + length + 5, y: middle - values[index].metrics.height / 2))
        }
        context.strokeLine(from: Point(x: plotLeft, y: top - 2), to: Point(x: plotLeft, y: top + Double(points.count) * row + 2),
                           style: StrokeStyle(color: Self.ink, width: 0.8))
    }
}
