import ReferralCore

/// An XmR chart as inline SVG in the style of NHS "Making Data Count": the last 24 months, the
/// data as a grey line, each month's mean (solid) and process limits (dashed) from its own
/// baseline, special causes marked orange (a rise: concern) or blue (low). No external anything.
struct XmRChart {
    static let width = 680.0, height = 270.0
    static let left = 46.0, right = 12.0, top = 14.0, bottom = 58.0
    static let orange = "#ED8B00", blue = "#41B6E6", grey = "#7F7F7F", ink = "#231F20"

    let figures: ScopeFigures
    let month: Period
    /// A unique fragment id for the chart's title (`aria-labelledby`).
    let id: String

    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }
    var slot: Double { plotWidth / Double(ReportCardBuilder.chartMonths) }

    /// The `<svg>` element.
    var svg: String {
        let title = "\(figures.title): referrals by month, XmR chart to \(ReportFormat.monthName(month))"
        var out = "<svg class=\"xmr\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-labelledby=\"\(id)\">"
        out += "<title id=\"\(id)\">\(HTMLEscape.text(title))</title>"
        let (top, step) = scale
        out += axes(top, step)
        if figures.chart.isEmpty {
            out += "<text x=\"\(f(Self.left + plotWidth / 2))\" y=\"\(f(Self.top + plotHeight / 2))\" text-anchor=\"middle\" class=\"empty\">No referrals yet</text>"
        } else {
            out += stepLine(\.upperLimit, top, dashed: true)
            out += stepLine(\.lowerLimit, top, dashed: true)
            out += stepLine(\.mean, top, dashed: false)
            let points = figures.chart.map { (x(of: $0.month), y(Double($0.count), top)) }
            out += "<polyline fill=\"none\" stroke=\"\(Self.grey)\" stroke-width=\"1.5\" points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
            for (point, position) in zip(figures.chart, points) {
                let colour = point.signal == .concern ? Self.orange : point.signal == .low ? Self.blue : Self.grey
                let radius = point.signal == .none ? 3.0 : 4.5
                out += "<circle cx=\"\(f(position.0))\" cy=\"\(f(position.1))\" r=\"\(f(radius))\" fill=\"\(colour)\" stroke=\"\(Self.ink)\" stroke-width=\"\(point.signal == .none ? "0" : "0.8")\">"
                out += "<title>\(HTMLEscape.text("\(ReportFormat.monthName(point.month)): \(point.count)"))</title></circle>"
            }
        }
        out += legend
        return out + "</svg>"
    }

    /// The top of the y axis and the gridline step: round numbers above every count and limit.
    var scale: (top: Double, step: Double) {
        let values: [Double] = figures.chart.flatMap { point -> [Double] in [Double(point.count), point.upperLimit ?? 0] }
        let highest = max(values.max() ?? 0, 4) * 1.05
        let step = Self.niceStep(highest / 4)
        return ((highest / step).rounded(.up) * step, step)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= raw { return factor * power }
        return 10 * power
    }

    func x(of period: Period) -> Double {
        let index = Double(ReportCardBuilder.chartMonths - 1 - period.distance(to: month))
        return Self.left + (index + 0.5) * slot
    }

    func y(_ value: Double, _ top: Double) -> Double {
        Self.top + plotHeight * (1 - min(max(value, 0), top) / top)
    }

    /// Gridlines, y ticks, the months along the bottom (every third, ending with the report month).
    func axes(_ top: Double, _ step: Double) -> String {
        var out = "<rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"#fff\" stroke=\"#c8c8c8\"/>"
        for i in 0...Int((top / step).rounded()) {
            let value = step * Double(i)
            let yy = y(value, top)
            out += "<line x1=\"\(f(Self.left))\" x2=\"\(f(Self.left + plotWidth))\" y1=\"\(f(yy))\" y2=\"\(f(yy))\" stroke=\"#e6e6e6\"/>"
            out += "<text x=\"\(f(Self.left - 6))\" y=\"\(f(yy + 4))\" text-anchor=\"end\">\(ReportFormat.fixed(value, 0))</text>"
        }
        let reportX = x(of: month)
        out += "<rect x=\"\(f(reportX - slot / 2))\" y=\"\(f(Self.top))\" width=\"\(f(slot))\" height=\"\(f(plotHeight))\" fill=\"#f0f4f5\"/>"
        for back in stride(from: 0, to: ReportCardBuilder.chartMonths, by: 3) {
            let period = month.advanced(by: -back)
            let weight = back == 0 ? " font-weight=\"bold\"" : ""
            out += "<text x=\"\(f(x(of: period)))\" y=\"\(f(Self.top + plotHeight + 16))\" text-anchor=\"middle\"\(weight)>\(ReportFormat.shortMonth(period))</text>"
        }
        return out
    }

    /// Each month's value of `line` as a horizontal step across its slot, broken where missing.
    func stepLine(_ line: KeyPath<ChartPoint, Double?>, _ top: Double, dashed: Bool) -> String {
        var path = ""
        var previous: Period?
        for point in figures.chart {
            guard let value = point[keyPath: line], value > 0 || line == \ChartPoint.mean else { previous = nil; continue }
            let yy = f(y(value, top)), from = f(x(of: point.month) - slot / 2), to = f(x(of: point.month) + slot / 2)
            path += previous.map { $0.advanced(by: 1) == point.month } == true ? "V\(yy)H\(to)" : "M\(from) \(yy)H\(to)"
            previous = point.month
        }
        guard !path.isEmpty else { return "" }
        let style = dashed ? "stroke=\"\(Self.grey)\" stroke-dasharray=\"5 3\"" : "stroke=\"\(Self.ink)\""
        return "<path d=\"\(path)\" fill=\"none\" \(style) stroke-width=\"1.2\"/>"
    }

    /// The key along the bottom.
    var legend: String {
        let textY = f(Self.height - 12), symbolY = f(Self.height - 16)
        var out = "<g class=\"legend\">"
        var at = Self.left
        func label(_ text: String, _ width: Double) {
            out += "<text x=\"\(f(at + 24))\" y=\"\(textY)\">\(text)</text>"
            at += width
        }
        func line(_ style: String) {
            out += "<line x1=\"\(f(at))\" x2=\"\(f(at + 18))\" y1=\"\(symbolY)\" y2=\"\(symbolY)\" \(style) stroke-width=\"1.2\"/>"
        }
        func dot(_ colour: String) {
            out += "<circle cx=\"\(f(at + 9))\" cy=\"\(symbolY)\" r=\"4.5\" fill=\"\(colour)\" stroke=\"\(Self.ink)\" stroke-width=\"0.8\"/>"
        }
        line("stroke=\"\(Self.ink)\"")
        label("mean", 76)
        line("stroke=\"\(Self.grey)\" stroke-dasharray=\"5 3\"")
        label("process limits", 128)
        dot(Self.orange)
        label("special cause: high (concern)", 206)
        dot(Self.blue)
        label("special cause: low", 140)
        return out + "</g>"
    }

    /// A coordinate with one decimal.
    func f(_ value: Double) -> String { ReportFormat.fixed(value, 1) }
}
