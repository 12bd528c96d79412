/// Where a chart's marks go, computed once for every renderer (`SVGChartRenderer` for HTML, `ChartPainter` for PDF
/// pages and DOCX images), so that every format shows the same scale, the same positions and the same bars.
/// Renderers bring only their own sizes, fonts and colours.
enum ChartLayout {
    /// A value axis: round ticks from `low` to `high`.
    struct Scale: Equatable {
        var low: Int
        var high: Int
        var values: [Int]

        /// Round ticks from `low` (at most 0) up to at least `high`: steps of 1, 2 or 5 times a power of ten, about five.
        init(from low: Int, to high: Int) {
            let span = max(high - low, 1)
            var step = 1
            var magnitude = 1
            search: while true {
                for factor in [1, 2, 5] {
                    step = factor * magnitude
                    if span / step + (span % step == 0 ? 0 : 1) <= 5 { break search }
                }
                if magnitude > Int.max / 100 { break }
                magnitude *= 10
            }
            let lowTick = low >= 0 ? (low / step) * step : -((-low + step - 1) / step) * step
            let highTick = high >= 0 ? ((high + step - 1) / step) * step : -((-high) / step) * step
            let top = max(highTick, lowTick + step)
            self.low = lowTick
            self.high = top
            self.values = Array(stride(from: lowTick, through: top, by: step))
        }

        /// A timeline's scale: from min(0, the lowest value, the target) to a round number at or above the highest
        /// value and the target.
        init(timeline points: [Chart.Point], target: Int?) {
            let lowest = min(0, points.map(\.value).min() ?? 0, target ?? 0)
            let highest = max(points.map(\.value).max() ?? 0, target ?? 0, lowest + 1)
            self.init(from: lowest, to: highest)
        }
    }

    /// A timeline in its plot area: x by date when every label is an ISO date in order (else evenly by index), y by
    /// value on the scale.
    struct Timeline {
        let scale: Scale
        /// The x of each point.
        let xs: [Double]
        /// The y of the scale's low end (the plot's bottom) and the plot's height.
        let baseY: Double
        let height: Double

        init(points: [Chart.Point], scale: Scale, left: Double, width: Double, baseY: Double, height: Double) {
            self.scale = scale
            self.baseY = baseY
            self.height = height
            let ordinals = points.map { Day(iso: $0.label)?.ordinal }
            let dated = ordinals.allSatisfy { $0 != nil } && zip(ordinals, ordinals.dropFirst()).allSatisfy { ($0 ?? 0) <= ($1 ?? 0) }
            xs = points.indices.map { index in
                if dated, let first = ordinals.first ?? nil, let last = ordinals.last ?? nil, let day = ordinals[index], last > first {
                    return left + Double(day - first) / Double(last - first) * width
                }
                if !dated, points.count > 1 {
                    return left + Double(index) / Double(points.count - 1) * width
                }
                return left + width / 2
            }
        }

        /// The y of `value`.
        func y(_ value: Int) -> Double {
            baseY - Double(value - scale.low) / Double(max(1, scale.high - scale.low)) * height
        }

        /// The y the area under the line closes at: zero, or the scale's nearest end.
        var zeroY: Double { y(max(scale.low, min(0, scale.high))) }
    }

    /// Bars: lengths in proportion to the values, the highest (at least 1) filling the plot; negative values as zero.
    struct Bars {
        let highest: Int

        init(points: [Chart.Point]) {
            highest = max(points.map(\.value).max() ?? 0, 1)
        }

        func length(_ value: Int, in width: Double) -> Double {
            Double(max(value, 0)) / Double(highest) * width
        }
    }

    /// The horizontal extent of an axis label.
    struct Span {
        var x: Double
        var width: Double
        var right: Double { x + width }
    }

    /// Indices of labels to draw, left to right, none overlapping (at least `gap` apart); the last one always.
    static func labelled(_ spans: [Span], gap: Double) -> [Int] {
        guard let last = spans.last else { return [] }
        var chosen: [Int] = []
        var right: Double = -Double.infinity
        for index in 0..<(spans.count - 1) {
            let span = spans[index]
            let clearOfPrevious: Bool = span.x >= right + gap
            let clearOfLast: Bool = span.right + gap <= last.x
            guard clearOfPrevious, clearOfLast else { continue }
            chosen.append(index)
            right = span.right
        }
        chosen.append(spans.count - 1)
        return chosen
    }
}
