import BriefTypesetting

/// Raster images of charts, for formats that embed pictures (DOCX).
public enum ChartImage {
    /// The logical width charts are drawn at; the image scales it to the pixel width asked for.
    static let logicalWidth = 560.0

    /// PNG bytes of a chart, or nil if it cannot be drawn.
    ///
    /// The chart is drawn as vectors (by `ChartPainter`, as in the PDF) on a white `width` × `height` pixel image,
    /// scaled so that text stays legible at any size. The same chart and size always give the same bytes.
    /// Nil when the chart has no points or the size is unusable.
    public static func png(_ chart: Chart, width: Int, height: Int) -> [UInt8]? {
        guard !chart.points.isEmpty, width >= 16, height >= 16 else { return nil }
        do {
            let canvas = try ImageCanvas(width: width, height: height, background: .white)
            let scale = Double(width) / logicalWidth
            canvas.context.scale(by: scale)
            let margin = 6.0
            let rect = Rect(x: margin, y: margin, width: logicalWidth - 2 * margin, height: Double(height) / scale - 2 * margin)
            try ChartPainter().paint(chart, on: canvas.context, in: rect)
            return try canvas.pngBytes()
        } catch {
            return nil
        }
    }
}
