import Foundation
import HavenAPI
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
    public let perturbation: PerturbationTable
    /// The report's own attack on its figures and each table's information loss.
    public let audit: ReportAudit

    /// The cases reported in the year, those without consent to statistics included
    /// (perturbed like every figure).
    public var totalCases: Int? { sections.first?.result.populationTotal ?? sections.first?.result.total }
}

extension HavenService {
    /// Builds the annual report for `year` (supervisors and administrators; audited once).
    public func annualReport(year: Int, language: Language, by actor: Caller) async throws -> AnnualReport {
        try await require(actor, .reportAnnual)
        try Self.checkYear(year)
        try await recordAllowed(actor, .reportAnnual, target: nil, detail: "year=\(year)")
        // The legal aid table follows the agency whose kind is legal aid (agencies.yaml), whatever its id.
        let legalAid = context.policy.agencies.first { $0.kind == "legal-aid" }?.id
        var specs: [(String, StatMeasure, [StatDimension], [StatDimension: String], Bool)] = [
            (Catalogue.text(.reportCasesByTypeSex, language), .cases, [.gbvType, .survivorSex], [:], true),
            (Catalogue.text(.reportCasesByTypeSexAge, language), .cases, [.gbvType, .survivorSex, .survivorAgeGroup], [:], false),
            (Catalogue.text(.reportCasesByAgeSex, language), .cases, [.survivorAgeGroup, .survivorSex], [:], true),
            (Catalogue.text(.reportCasesByDistrictSex, language), .cases, [.formerDistrict, .survivorSex], [:], true),
            (Catalogue.text(.reportCasesByCommuneSex, language), .cases, [.commune, .survivorSex], [:], false),
            (Catalogue.text(.reportCasesBySourceSex, language), .cases, [.source, .survivorSex], [:], true),
            (Catalogue.text(.reportCasesByDelay, language), .cases, [.reportingDelay, .survivorSex], [:], false),
            (Catalogue.text(.reportCasesByRepeat, language), .cases, [.repeatVictimisation, .survivorSex], [:], false),
            (Catalogue.text(.reportSurvivorsByTypeSex, language), .survivors, [.gbvType, .survivorSex], [:], false),
            (Catalogue.text(.reportSurvivorsByAgeSex, language), .survivors, [.survivorAgeGroup, .survivorSex], [:], false),
            (Catalogue.text(.reportSurvivorsByDistrictSex, language), .survivors, [.formerDistrict, .survivorSex], [:], false),
            (Catalogue.text(.reportReferralsByAgencyStatus, language), .referrals, [.agency, .referralStatus], [:], true),
            (Catalogue.text(.reportReferralTimes, language), .referrals, [.agency], [:], false),
        ]
        if let legalAid {
            specs.append((Catalogue.text(.reportLegalAidByStatus, language), .referrals, [.referralStatus], [.agency: legalAid], false))
        }
        specs += [
            (Catalogue.text(.reportMediationsByOutcome, language), .mediations, [.mediationOutcome], [:], false),
        ]
        var sections: [AnnualReport.Section] = []
        var audited: [AuditedSection] = []
        for (title, measure, by, filters, chart) in specs {
            // Survivors are published under perturbation only (see suppressionTables).
            if measure == .survivors && context.policy.disclosure.method == .suppress { continue }
            let current = try await computeWithTruth(StatQuery(measure: measure, by: by, period: StatPeriod(year: year), filters: filters))
            let previous = try await computeWithTruth(StatQuery(measure: measure, by: by, period: StatPeriod(year: year - 1), filters: filters))
            sections.append(AnnualReport.Section(title: title, result: current.result, previous: previous.result, chart: chart))
            audited += [AuditedSection(title: title, result: current.result, truth: current.truth, current: true),
                        AuditedSection(title: title, result: previous.result, truth: previous.truth, current: false)]
        }
        let mediation = try await mediationStatsRowsWithTruth(year: year, by: .total)
        let previousMediation = try await mediationStatsRowsWithTruth(year: year - 1, by: .total)
        // The report's own attack on its figures, with the true counts at hand; they go no further.
        let audit = try auditReport(audited, mediation: mediation.map { AuditedMediation(year: year, row: $0.row, truth: $0.truth) }
                                        + previousMediation.map { AuditedMediation(year: year - 1, row: $0.row, truth: $0.truth) },
                                    populationTotal: sections.first?.result.populationTotal, year: year)
        return AnnualReport(year: year, language: language, sections: sections, mediation: mediation.map(\.row),
                            previousMediation: previousMediation.map(\.row),
                            rendering: StatRendering(language: language, regions: context.regions), generatedAt: context.clock.now(),
                            perturbation: context.policy.disclosure.perturbation, audit: audit)
    }
}

// MARK: - Rendering

extension AnnualReport {
    var title: String {
        Catalogue.text(.reportTitle, language, ["year": "\(year)"])
    }

    /// What the report's own attacker found on this store's data.
    var attackNote: String {
        let k = sections.first?.result.k ?? 5
        let perturbed = sections.first?.result.method != .suppress
        let promise = perturbed ? Catalogue.text(.reportMethodsPromisePerturb, language)
                                : Catalogue.text(.reportMethodsPromiseSuppress, language, ["kminus": "\(k - 1)"])
        var note = Catalogue.text(.reportMethodsAttack, language, ["figures": "\(audit.figures)", "kminus": "\(k - 1)", "promise": promise])
        if let range = audit.narrowestRange {
            note += " " + Catalogue.text(.reportMethodsNarrowest, language, ["range": "\(range)"])
        }
        if let mean = audit.meanAbsolutePerturbation, perturbed {
            note += " " + Catalogue.text(.reportMethodsMeanAll, language, ["mean": String(format: "%.2f", mean), "cells": "\(ReportAudit.minimumCells)"])
        }
        return note + " " + Catalogue.text(.reportMethodsHarness, language)
    }

    var disclosureNote: String {
        sections.first.map { rendering.note($0.result) } ?? ""
    }

    /// The rows of a section as a grid: first dimension down, second across (or the count),
    /// then the previous year's totals beside.
    func grid(_ section: Section) -> [[String]] {
        let r = rendering
        let result = section.result
        let by = result.query.by
        let k = result.k
        func show(_ cell: StatCell?) -> String { cell.map { r.text($0, k: k) } ?? "0" }
        let previousLabel = Catalogue.text(.reportPreviousTotal, language, ["previousYear": "\(year - 1)"])
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
                header += [Catalogue.text(.reportMedianHoursToAck, language), Catalogue.text(.reportShareOverdue, language)]
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

    /// The methods section: per table, what is hidden and how far counts moved (on this
    /// store's data), and the perturbation table's promise.
    func methodsGrid(_ table: PerturbationTable) -> [[String]] {
        var rows = [[Catalogue.text(.reportMethodsTable, language), Catalogue.text(.reportMethodsHiddenCells, language),
                     Catalogue.text(.reportMethodsHiddenPeople, language), Catalogue.text(.reportMethodsMove, language)]]
        for loss in audit.tables {
            let section = sections.first { $0.title == loss.title }
            let move: String
            if section?.result.method == .suppress {
                move = "0"
            } else {
                move = loss.meanAbsolutePerturbation.map { String(format: "%.2f", $0) } ?? "—"
            }
            rows.append([loss.title, "\(loss.hiddenCells) / \(loss.cells)", String(format: "%.0f%%", loss.hiddenPeopleShare * 100), move])
        }
        return rows
    }

    /// What the perturbation table promises (under perturbation).
    var perturbationNote: String? {
        guard let result = sections.first?.result, result.method == .perturb else { return nil }
        return Catalogue.text(.reportMethodsPerturbedMove, language, [
            "max": "\(perturbation.maximum)", "mean": String(format: "%.2f", perturbation.meanAbsolute), "from": "\(perturbation.rows.count + 1)",
            "k": "\(result.k)", "kminus": "\(result.k - 1)", "cells": "\(ReportAudit.minimumCells)"])
    }

    func mediationGrid() -> [[String]] {
        func value(_ rows: [MediationStatsRow], _ pick: (MediationStatsRow) -> String) -> String { rows.first.map(pick) ?? "0" }
        let k = sections.first?.result.k ?? 5
        let lines: [(String, (MediationStatsRow) -> String)] = [
            (Catalogue.text(.reportMediationsOpened, language), { $0.opened.text(k: k) }),
            (Catalogue.text(.reportAgreementsReached, language), { $0.agreements.text(k: k) }),
            (Catalogue.text(.reportAgreementRate, language), { $0.agreementRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }),
            (Catalogue.text(.reportRecurred6, language), { $0.recurrenceWithin6Months.text(k: k) }),
            (Catalogue.text(.reportRecurred12, language), { $0.recurrenceWithin12Months.text(k: k) }),
            (Catalogue.text(.reportMedianDaysToFirstSession, language), { $0.medianDaysToFirstSession.map { String(format: "%.1f", $0) } ?? "—" }),
        ]
        var rows = [["", String(year), String(year - 1)]]
        for (label, pick) in lines { rows.append([label, value(mediation, pick), value(previousMediation, pick)]) }
        let reasons = Set((mediation.first?.refused.keys).map(Array.init) ?? []).union((previousMediation.first?.refused.keys).map(Array.init) ?? []).sorted()
        for reason in reasons {
            rows.append([Catalogue.text(.reportRefused, language, ["reason": reason]), mediation.first?.refused[reason]?.text(k: k) ?? "0",
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
        <p>\(esc(Catalogue.text(.reportCasesReported, language))) \(year): <strong>\(totalCases.map(String.init) ?? StatRendering.hiddenMark)</strong></p>

        """
        for section in sections {
            out += "<h2>\(esc(section.title))</h2>\n"
            if section.chart { out += rendering.svg(section.result, title: section.title) }
            out += htmlTable(grid(section))
        }
        out += "<h2>\(esc(Catalogue.text(.reportGrassrootsMediation, language)))</h2>\n" + htmlTable(mediationGrid())
        out += "<h2>\(esc(Catalogue.text(.reportMethods, language)))</h2>\n<p class=\"note\">\(esc(disclosureNote))</p>\n"
        out += htmlTable(methodsGrid(perturbation))
        if let note = perturbationNote { out += "<p class=\"note\">\(esc(note))</p>\n" }
        out += "<p class=\"note\">\(esc(attackNote))</p>\n"
        out += "<p class=\"note\">\(esc(Catalogue.text(.reportGenerated, language))) \(rendering.regions.timestamp(generatedAt)) · Haven</p>\n</body></html>\n"
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
        var out = "# \(title)\n\n_\(disclosureNote)_\n\n\(Catalogue.text(.reportCasesReported, language)) \(year): **\(totalCases.map(String.init) ?? StatRendering.hiddenMark)**\n"
        for section in sections { out += "\n## \(section.title)\n\n" + markdownTable(grid(section)) }
        out += "\n## \(Catalogue.text(.reportGrassrootsMediation, language))\n\n" + markdownTable(mediationGrid())
        out += "\n## \(Catalogue.text(.reportMethods, language))\n\n\(disclosureNote)\n\n" + markdownTable(methodsGrid(perturbation))
        if let note = perturbationNote { out += "\n\(note)\n" }
        out += "\n\(attackNote)\n"
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
