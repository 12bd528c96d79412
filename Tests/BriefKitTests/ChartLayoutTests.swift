@testable import BriefKit
import Testing

// `@testable` for `ChartLayout`, which only the writers use.

/// The one chart layout that the SVG (HTML) and the vector painter (PDF, DOCX images) share.
@Suite struct ChartLayoutTests {
    @Test func scalesHaveAboutFiveRoundTicks() {
        #expect(ChartLayout.Scale(from: 0, to: 53).values == [0, 20, 40, 60])
        #expect(ChartLayout.Scale(from: 0, to: 1).values == [0, 1])
        #expect(ChartLayout.Scale(from: -3, to: 7).values == [-4, -2, 0, 2, 4, 6, 8])
        #expect(ChartLayout.Scale(from: 0, to: 7771).values == [0, 2000, 4000, 6000, 8000])
        let timeline = ChartLayout.Scale(timeline: [.init(label: "2015-01-08", value: 20), .init(label: "2015-01-12", value: 39)], target: 53)
        #expect((timeline.low, timeline.high) == (0, 60), "the target is on the scale")
    }

    @Test func timelinesPlaceDatesByDayAndOtherLabelsEvenly() {
        let dated: [Chart.Point] = [.init(label: "2015-01-01", value: 0), .init(label: "2015-01-03", value: 5), .init(label: "2015-01-11", value: 10)]
        let plot = ChartLayout.Timeline(points: dated, scale: ChartLayout.Scale(timeline: dated, target: nil), left: 10, width: 100, baseY: 200, height: 100)
        #expect(plot.xs == [10, 30, 110])
        #expect(plot.y(0) == 200 && plot.y(10) == 100 && plot.zeroY == 200)
        let named: [Chart.Point] = [.init(label: "a", value: 1), .init(label: "b", value: 2), .init(label: "c", value: 3)]
        #expect(ChartLayout.Timeline(points: named, scale: .init(from: 0, to: 3), left: 0, width: 10, baseY: 0, height: 1).xs == [0, 5, 10])
    }

    @Test func labelsNeverOverlapAndTheLastIsAlwaysShown() {
        let spans = [0.0, 20, 60, 90, 95].map { ChartLayout.Span(x: $0, width: 20) }
        #expect(ChartLayout.labelled(spans, gap: 5) == [0, 2, 4])
        #expect(ChartLayout.labelled([], gap: 5) == [])
        #expect(ChartLayout.Bars(points: [.init(label: "a", value: 4), .init(label: "b", value: -1)]).length(2, in: 100) == 50)
    }

    @Test func theSVGShowsTheSharedScale() throws {
        let points: [Chart.Point] = [.init(label: "2015-01-01", value: 3), .init(label: "2015-01-12", value: 39)]
        let chart = Chart(id: "c", kind: .timeline(target: 53), title: "T", description: "D", points: points, marking: .public)
        let svg = try #require(SVGChartRenderer().render(chart, idPrefix: "c"))
        let labels = svg.components(separatedBy: "<g class=\"y-labels\"")[1].components(separatedBy: "</g>")[0]
        let shown = labels.components(separatedBy: "\">").dropFirst().compactMap { Int($0.prefix { $0 != "<" }) }
        #expect(shown == ChartLayout.Scale(timeline: points, target: 53).values)
    }
}
