import Foundation
import HavenCore
import HavenStore

/// The annual report the departments send before 15 November: every figure through the
/// disclosure control, the previous year beside each table, charts inline.
public struct AnnualReport: Sendable {
    public enum Format: String, Sendable, CaseIterable { case html, md }

    /// One table of the report.
    public struct Section: Sendable {
        public let title: String
        public let result: StatResult
        public let previous: StatResult
        public let chart: Bool
    }

    public let year: Int
    public let language: Language
    public let sections: [Section]
    public let mediation: [MediationStatsRow]
    public let previousMediation: [MediationStatsRow]
    public let rendering: StatRendering
    public let generatedAt: Date

    /// The grand total of cases reported in the year (nil when under k).
    public var totalCases: Int? { sections.first?.result.total }
}

extension HavenService {
    /// Builds the annual report for `year` (supervisors and administrators; audited once).
    public func annualReport(year: Int, language: Language, by actor: Actor) async throws -> AnnualReport {
        try await require(actor, .reportAnnual)
        try await recordAllowed(actor, .reportAnnual, target: nil, detail: "year=\(year)")
        func text(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }
        let specs: [(String, StatMeasure, [StatDimension], [StatDimension: String], Bool)] = [
            (text("Cases by type of violence and sex of the survivor", "Vụ việc theo loại bạo lực và giới tính người bị bạo lực"), .cases, [.gbvType, .survivorSex], [:], true),
            (text("Cases by type, sex and age group", "Vụ việc theo loại, giới tính và nhóm tuổi"), .cases, [.gbvType, .survivorSex, .survivorAgeGroup], [:], false),
            (text("Cases by age group and sex", "Vụ việc theo nhóm tuổi và giới tính"), .cases, [.survivorAgeGroup, .survivorSex], [:], true),
            (text("Cases by former district and sex", "Vụ việc theo huyện (cũ) và giới tính"), .cases, [.formerDistrict, .survivorSex], [:], true),
            (text("Cases by commune and sex", "Vụ việc theo xã/phường và giới tính"), .cases, [.commune, .survivorSex], [:], false),
            (text("Cases by reporting source and sex", "Vụ việc theo nguồn tiếp nhận và giới tính"), .cases, [.source, .survivorSex], [:], true),
            (text("Cases by time from incident to report", "Vụ việc theo thời gian từ khi xảy ra đến khi trình báo"), .cases, [.reportingDelay, .survivorSex], [:], false),
            (text("Referrals by agency and status", "Chuyển gửi theo cơ quan và trạng thái"), .referrals, [.agency, .referralStatus], [:], true),
            (text("Referrals by agency: time to acknowledgement and share overdue", "Chuyển gửi theo cơ quan: thời gian xác nhận và tỷ lệ quá hạn"), .referrals, [.agency], [:], false),
            (text("Legal-aid referrals by status", "Chuyển gửi trợ giúp pháp lý theo trạng thái"), .referrals, [.referralStatus], [.agency: "justice-legal-aid"], false),
            (text("Mediations by outcome", "Hòa giải theo kết quả"), .mediations, [.mediationOutcome], [:], false),
        ]
        var sections: [AnnualReport.Section] = []
        for (title, measure, by, filters, chart) in specs {
            let current = try await compute(StatQuery(measure: measure, by: by, period: StatPeriod(year: year), filters: filters))
            let previous = try await compute(StatQuery(measure: measure, by: by, period: StatPeriod(year: year - 1), filters: filters))
            sections.append(AnnualReport.Section(title: title, result: current, previous: previous, chart: chart))
        }
        let mediation = try await mediationStatsRows(year: year, by: .total)
        let previousMediation = try await mediationStatsRows(year: year - 1, by: .total)
        return AnnualReport(year: year, language: language, sections: sections, mediation: mediation, previousMediation: previousMediation,
                            rendering: StatRendering(language: language, regions: context.regions), generatedAt: context.clock.now())
    }
}

// MARK: - Rendering

extension AnnualReport {
    func t(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }

    var title: String {
        t("Gender-based violence in An Giang province — annual report \(year)", "Bạo lực trên cơ sở giới tại tỉnh An Giang — báo cáo hằng năm \(year)")
    }

    var disclosureNote: String {
        let k = sections.first?.result.k ?? 5
        return t("All figures are anonymised: counts from 1 to \(k - 1) are shown as <\(k), and some other counts are hidden so that no hidden count can be worked out. Totals include cases whose survivors did not consent to statistics only when the total is \(k) or more.",
                 "Mọi số liệu đều ẩn danh: số từ 1 đến \(k - 1) được hiển thị là <\(k), một số ô khác cũng được ẩn để không thể suy ra số bị ẩn. Tổng số chỉ tính các vụ việc không đồng ý thống kê khi tổng từ \(k) trở lên.")
    }

    /// The rows of a section as a grid: first dimension down, second across (or the count),
    /// then the previous year's totals beside.
    func grid(_ section: Section) -> [[String]] {
        let r = rendering
        let result = section.result
        let by = result.query.by
        let k = result.k
        func show(_ cell: StatCell?) -> String { cell.map { r.text($0, k: k) } ?? "0" }
        let previousLabel = t("\(year - 1) total", "Tổng \(year - 1)")
        if by.count >= 3 {
            // Three dimensions: rows are the first two, columns the third.
            let first = r.orderedValues(result, by[0]), second = r.orderedValues(result, by[1]).filter { $0 != ContingencyTable.all }
            let third = r.orderedValues(result, by[2])
            var rows = [[r.name(by[0]), r.name(by[1])] + third.map { r.label(by[2], $0) }]
            for a in first where a != ContingencyTable.all {
                for b in second {
                    rows.append([r.label(by[0], a), r.label(by[1], b)] + third.map { c in show(result.cell([by[0]: a, by[1]: b, by[2]: c])) })
                }
            }
            return rows
        }
        let first = by.isEmpty ? [ContingencyTable.all] : r.orderedValues(result, by[0])
        var header = [by.first.map(r.name) ?? ""]
        var columns: [String] = []
        if by.count == 2 {
            columns = r.orderedValues(result, by[1])
            header += columns.map { r.label(by[1], $0) }
        } else {
            header.append(String(year))
            if result.query.measure == .referrals {
                header += [t("median hours to acknowledgement", "số giờ trung vị đến khi xác nhận"), t("share overdue", "tỷ lệ quá hạn")]
            }
        }
        header.append(previousLabel)
        var rows = [header]
        for a in first {
            var row = [by.isEmpty ? r.label(.year, a) : r.label(by[0], a)]
            if by.count == 2 {
                row += columns.map { b in show(result.cell([by[0]: a, by[1]: b])) }
            } else {
                let cell = result.cell(by.isEmpty ? [:] : [by[0]: a])
                row.append(show(cell))
                if result.query.measure == .referrals {
                    row.append(cell?.medianHoursToAcknowledge.map { String(format: "%.1f", $0) } ?? "—")
                    row.append(cell?.shareOverdue.map { String(format: "%.0f%%", $0 * 100) } ?? "—")
                }
            }
            let previousValues = by.isEmpty ? [:] : [by[0]: a]
            row.append(show(section.previous.cell(previousValues)))
            rows.append(row)
        }
        return rows
    }

    func mediationGrid() -> [[String]] {
        func value(_ rows: [MediationStatsRow], _ pick: (MediationStatsRow) -> String) -> String { rows.first.map(pick) ?? "0" }
        let k = sections.first?.result.k ?? 5
        let lines: [(String, (MediationStatsRow) -> String)] = [
            (t("Mediations opened", "Số vụ hòa giải"), { $0.opened.text(k: k) }),
            (t("Agreements reached", "Hòa giải thành"), { $0.agreements.text(k: k) }),
            (t("Agreement rate", "Tỷ lệ hòa giải thành"), { $0.agreementRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }),
            (t("Violence recurred within 6 months of an agreement", "Tái diễn trong 6 tháng sau hòa giải thành"), { $0.recurrenceWithin6Months.text(k: k) }),
            (t("Violence recurred within 12 months of an agreement", "Tái diễn trong 12 tháng sau hòa giải thành"), { $0.recurrenceWithin12Months.text(k: k) }),
            (t("Median days from assignment to first session", "Số ngày trung vị từ khi phân công đến phiên đầu"), { $0.medianDaysToFirstSession.map { String(format: "%.1f", $0) } ?? "—" }),
        ]
        var rows = [["", String(year), String(year - 1)]]
        for (label, pick) in lines { rows.append([label, value(mediation, pick), value(previousMediation, pick)]) }
        let reasons = Set((mediation.first?.refused.keys).map(Array.init) ?? []).union((previousMediation.first?.refused.keys).map(Array.init) ?? []).sorted()
        for reason in reasons {
            rows.append([t("Refused: \(reason)", "Từ chối: \(reason)"), mediation.first?.refused[reason]?.text(k: k) ?? "0",
                         previousMediation.first?.refused[reason]?.text(k: k) ?? "0"])
        }
        return rows
    }

    /// The report as one self-contained HTML file (inline SVG charts, print styles).
    public func html() -> String {
        func esc(_ s: String) -> String { rendering.escape(s) }
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <style>
        body{font-family:Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;color:#222;line-height:1.4}
        h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
        td:first-child,th:first-child{text-align:left}th{background:#f2f2f2}.note{color:#555;font-size:.9em}
        @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,svg{page-break-inside:avoid}}
        </style></head><body>
        <h1>\(esc(title))</h1>
        <p class="note">\(esc(disclosureNote))</p>
        <p>\(esc(t("Cases reported in", "Số vụ việc tiếp nhận năm"))) \(year): <strong>\(totalCases.map(String.init) ?? "<5")</strong></p>

        """
        for section in sections {
            out += "<h2>\(esc(section.title))</h2>\n"
            if section.chart { out += rendering.svg(section.result, title: section.title) }
            out += htmlTable(grid(section))
        }
        out += "<h2>\(esc(t("Grassroots mediation", "Hòa giải ở cơ sở")))</h2>\n" + htmlTable(mediationGrid())
        out += "<p class=\"note\">\(esc(t("Generated", "Lập lúc"))) \(Timestamp.format(generatedAt)) · Haven</p>\n</body></html>\n"
        return out
    }

    func htmlTable(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var out = "<table><thead><tr>" + header.map { "<th>\(rendering.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows.dropFirst() { out += "<tr>" + row.map { "<td>\(rendering.escape($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table>\n"
    }

    /// The report as Markdown (tables only).
    public func markdown() -> String {
        var out = "# \(title)\n\n_\(disclosureNote)_\n\n\(t("Cases reported in", "Số vụ việc tiếp nhận năm")) \(year): **\(totalCases.map(String.init) ?? "<5")**\n"
        for section in sections { out += "\n## \(section.title)\n\n" + markdownTable(grid(section)) }
        out += "\n## \(t("Grassroots mediation", "Hòa giải ở cơ sở"))\n\n" + markdownTable(mediationGrid())
        return out
    }

    func markdownTable(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return line(header) + line(header.map { _ in "---" }) + rows.dropFirst().map(line).joined()
    }

    /// Every inline SVG chart of the HTML report.
    public var charts: [String] { sections.filter(\.chart).map { rendering.svg($0.result, title: $0.title) } }
}
