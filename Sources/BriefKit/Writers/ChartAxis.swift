/// The value axis shared by every chart renderer (SVG, PDF, PNG), so that all formats show the same ticks.
enum ChartAxis {
    /// Round ticks from `low` (at most 0) up to at least `high`: steps of 1, 2 or 5 times a power of ten, about five.
    static func ticks(from low: Int, to high: Int) -> (low: Int, high: Int, values: [Int]) {
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
        return (lowTick, top, Array(stride(from: lowTick, through: top, by: step)))
    }
}
