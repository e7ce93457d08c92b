import Foundation
import HavenAPI
import HavenCore

/// Renders statistics as text tables, CSV, JSON and SVG charts. Every hidden cell shows one
/// mark, ``hiddenMark``, never zero and never "<k": a cell hidden to protect another may be
/// any number, and a mark that told small cells from large ones would reveal which were small.
public struct StatRendering: Sendable {
    /// The one mark of a hidden cell (legend in the note under every table).
    public static let hiddenMark = "x"

    public let language: Language
    public let regions: RegionCatalog

    public init(language: Language, regions: RegionCatalog) { self.language = language; self.regions = regions }

    /// A value's label in the chosen language.
    public func label(_ dim: StatDimension, _ value: String) -> String {
        if value == ContingencyTable.all { return Catalogue.text(.statsTotal, language) }
        switch dim {
        case .commune: return regions.commune(value)?.shortName ?? value
        case .formerDistrict:
            // Two former districts share a name (Huyện Châu Thành of An Giang and of Kiên Giang):
            // a shared name carries its former province, so no two rows read alike.
            guard let commune = regions.communes.first(where: { $0.formerDistrictSlug == value }) else { return value }
            let shared = regions.communes.contains { $0.formerDistrict == commune.formerDistrict && $0.formerDistrictSlug != value }
            return shared ? "\(commune.formerDistrict) (\(commune.formerProvince))" : commune.formerDistrict
        case .disability, .repeatVictimisation: return Catalogue.text(value == "yes" ? .yes : .no, language)
        case .context where value == "none": return "—"
        default:
            guard let namespace = dim.labelNamespace else { return value }
            let key = "\(namespace).\(value)"
            return Catalogue.entries[key] != nil ? Catalogue.text(key, language) : value
        }
    }

    /// A dimension's name in the chosen language.
    public func name(_ dim: StatDimension) -> String { Catalogue.text("dimension.\(dim.rawValue)", language) }

    public func text(_ cell: StatCell, k: Int) -> String {
        cell.count.map(String.init) ?? Self.hiddenMark
    }

    /// A plain-text table: two dimensions as rows × columns, otherwise one row per cell.
    public func table(_ result: StatResult) -> String {
        let by = result.query.by
        var lines: [String] = []
        if by.count == 2 {
            let rows = orderedValues(result, by[0]), columns = orderedValues(result, by[1])
            var grid = [[""] + columns.map { label(by[1], $0) }]
            for row in rows {
                grid.append([label(by[0], row)] + columns.map { column in
                    result.cell([by[0]: row, by[1]: column]).map { text($0, k: result.k) } ?? ""
                })
            }
            lines.append(render(grid))
        } else {
            var grid = [by.map(name) + [Catalogue.text("measure.\(result.query.measure.rawValue)", language)]
                + (result.query.measure == .referrals ? [Catalogue.text(.statsMedianHoursToAck, language), Catalogue.text(.statsOverdue, language)] : [])]
            for cell in result.cells {
                var row = by.map { label($0, cell.values[$0] ?? ContingencyTable.all) } + [text(cell, k: result.k)]
                if result.query.measure == .referrals {
                    row.append(cell.medianHoursToAcknowledge.map { String(format: "%.1f", $0) } ?? "—")
                    row.append(cell.shareOverdue.map { String(format: "%.0f%%", $0 * 100) } ?? "—")
                }
                grid.append(row)
            }
            lines.append(render(grid))
        }
        if let population = result.populationTotal {
            lines.append(Catalogue.text(.statsPopulationTotal, language, ["total": String(population)]))
        }
        lines.append(note(result))
        return lines.joined(separator: "\n")
    }

    /// The method note under a table: what the figures are and what a mark means.
    public func note(_ result: StatResult) -> String {
        var text = methodNote(result)
        func pairs(_ steps: [StatDimension: StatDimension]) -> String {
            steps.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\(name($0.key)) → \(name($0.value))" }.joined(separator: ", ")
        }
        if !result.coarsened.isEmpty {
            text += " " + Catalogue.text(.statsCoarsened, language, ["pairs": pairs(result.coarsened)])
        }
        if !result.coarserOffered.isEmpty {
            text += " " + Catalogue.text(.statsCoarsenOffer, language, ["share": String(format: "%.0f%%", result.sparseShare * 100),
                                                                        "pairs": pairs(result.coarserOffered)])
        }
        return text
    }

    func methodNote(_ result: StatResult) -> String {
        switch result.method {
        case .perturb:
            return Catalogue.text(.statsPerturbedNote, language, ["k": "\(result.k)", "kminus": "\(result.k - 1)",
                                                                  "max": "\(result.maximumPerturbation)"])
        case .suppress:
            var text = Catalogue.text(.statsSuppressedNote, language, ["k": "\(result.k)", "kminus": "\(result.k - 1)"])
            if result.hiddenShare > 0 {
                text += " " + Catalogue.text(.statsHiddenShare, language, ["share": String(format: "%.0f%%", result.hiddenShare * 100)])
            }
            return text
        }
    }

    /// CSV with one row per cell (`*` for totals); hidden counts are empty with suppressed=true.
    public func csv(_ result: StatResult) -> String {
        var lines = [(result.query.by.map(\.rawValue) + ["count", "suppressed"]).joined(separator: ",")]
        for cell in result.cells {
            lines.append((result.query.by.map { cell.values[$0] ?? "*" } + [cell.count.map(String.init) ?? "", cell.suppressed ? "true" : "false"])
                .joined(separator: ","))
        }
        // The population (refusers included) is its own row, marked by "all" in every column.
        if let population = result.populationTotal {
            lines.append((result.query.by.map { _ in "all" } + [String(population), "false"]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"dimensions", "period", "k", "cells": [{DIM: VALUE, …, "count": N | null, "suppressed"}], "total"}`.
    public func json(_ result: StatResult) -> JSONValue {
        var root: [(key: String, value: JSONValue)] = [
            ("dimensions", .array(result.query.by.map { .string($0.rawValue) })),
            ("period", .string(result.query.period.description)),
            ("measure", .string(result.query.measure.rawValue)),
            ("k", .number(Double(result.k))),
        ]
        if !result.query.filters.isEmpty {
            root.append(("where", .object(result.query.filters.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string($0.value)) })))
        }
        root.append(("method", .string(result.method.rawValue)))
        if result.method == .perturb { root.append(("maximumPerturbation", .number(Double(result.maximumPerturbation)))) }
        root.append(("cells", .array(result.cells.map { cell in
            var members: [(key: String, value: JSONValue)] = result.query.by.map { ($0.rawValue, .string(cell.values[$0] ?? "*")) }
            members.append(("count", cell.count.map { .number(Double($0)) } ?? .null))
            members.append(("suppressed", .bool(cell.suppressed)))
            if let median = cell.medianHoursToAcknowledge { members.append(("medianHoursToAcknowledge", .number((median * 10).rounded() / 10))) }
            if let share = cell.shareOverdue { members.append(("shareOverdue", .number((share * 1000).rounded() / 1000))) }
            return .object(members)
        })))
        root.append(("total", result.total.map { .number(Double($0)) } ?? .null))
        root.append(("populationTotal", result.populationTotal.map { .number(Double($0)) } ?? .null))
        if result.method == .suppress { root.append(("hiddenShare", .number((result.hiddenShare * 1000).rounded() / 1000))) }
        root.append(("sparseShare", .number((result.sparseShare * 1000).rounded() / 1000)))
        root.append(("coarsened", .object(result.coarsened.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string($0.value.rawValue)) })))
        root.append(("coarserOffered", .object(result.coarserOffered.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string($0.value.rawValue)) })))
        return .object(root)
    }

    /// The first dimension's values in display order (totals last), as the table has them.
    func orderedValues(_ result: StatResult, _ dim: StatDimension) -> [String] {
        var seen: [String] = []
        for cell in result.cells { if let v = cell.values[dim], !seen.contains(v) { seen.append(v) } }
        return seen.filter { $0 != ContingencyTable.all } + (seen.contains(ContingencyTable.all) ? [ContingencyTable.all] : [])
    }

    func render(_ grid: [[String]]) -> String {
        let widths = (0..<(grid.map(\.count).max() ?? 0)).map { c in grid.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return grid.map { row in
            row.enumerated().map { i, cell in i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    // MARK: - SVG

    static let palette = ["#1b6ca8", "#e07a2f", "#5a9e4b", "#8d5fae", "#c44e52", "#7f7f7f", "#b8a031", "#3aa5a0"]

    /// A grouped bar chart: the first dimension along the axis, the second (if any) as
    /// coloured bars. Hidden cells are drawn as hatched outlines marked "x", never as zero.
    public func svg(_ result: StatResult, title: String) -> String {
        let by = result.query.by
        let groups = by.isEmpty ? [ContingencyTable.all] : orderedValues(result, by[0]).filter { $0 != ContingencyTable.all }
        let series = by.count > 1 ? orderedValues(result, by[1]).filter { $0 != ContingencyTable.all } : [ContingencyTable.all]
        func cell(_ g: String, _ s: String) -> StatCell? {
            var values: [StatDimension: String] = [:]
            if let first = by.first { values[first] = g }
            if by.count > 1 { values[by[1]] = s }
            return result.cell(values)
        }
        // Whole-number ticks on an axis scaled to the figures shown; hidden cells are not drawn.
        let shownMaximum = max(1, groups.flatMap { g in series.compactMap { cell(g, $0)?.count } }.max() ?? 0)
        let hiddenCount = groups.flatMap { g in series.compactMap { cell(g, $0) } }.filter { $0.count == nil }.count
        let step = max(1, Int((Double(shownMaximum) / 4).rounded(.up)))
        let maximum = step * 4
        let barWidth = 18.0, gap = 14.0, left = 56.0, top = 40.0, plotHeight = 220.0
        let groupWidth = Double(series.count) * barWidth + gap
        let width = max(420.0, left + Double(groups.count) * groupWidth + 140, left + Double(title.count) * 7.6)
        let height = top + plotHeight + 140 + (series.count > 1 ? Double(series.count) * 16 : 0)
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="11" role="img" aria-label="\(escape(title))">
        <text x="\(Int(left))" y="20" font-size="14" font-weight="bold">\(escape(title))</text>
        <line x1="\(Int(left))" y1="\(Int(top + plotHeight))" x2="\(Int(width - 10))" y2="\(Int(top + plotHeight))" stroke="#333333"/>

        """
        for tick in 0...4 {
            let value = Double(step * tick)
            let y = top + plotHeight - plotHeight * Double(tick) / 4
            out += "<text x=\"\(Int(left - 6))\" y=\"\(Int(y + 4))\" text-anchor=\"end\" fill=\"#555555\">\(Int(value.rounded()))</text>"
            out += "<line x1=\"\(Int(left))\" y1=\"\(Int(y))\" x2=\"\(Int(width - 10))\" y2=\"\(Int(y))\" stroke=\"#e5e5e5\"/>\n"
        }
        for (gi, group) in groups.enumerated() {
            let x0 = left + gap / 2 + Double(gi) * groupWidth
            for (si, name) in series.enumerated() {
                let x = x0 + Double(si) * barWidth
                guard let c = cell(group, name) else { continue }
                if let count = c.count {
                    let h = plotHeight * Double(count) / Double(maximum)
                    out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(top + plotHeight - h))\" width=\"\(fmt(barWidth - 2))\" height=\"\(fmt(h))\" fill=\"\(Self.palette[si % Self.palette.count])\"><title>\(escape(label(by.first ?? .year, group))): \(count)</title></rect>\n"
                } else {
                    // Left out: only the mark at the foot of the bar, never a height.
                    out += "<text x=\"\(fmt(x + barWidth / 2 - 1))\" y=\"\(fmt(top + plotHeight - 3))\" text-anchor=\"middle\" fill=\"#666666\" font-size=\"9\">\(Self.hiddenMark)<title>\(Self.hiddenMark)</title></text>\n"
                }
            }
            let labelX = x0 + Double(series.count) * barWidth / 2
            let text = by.isEmpty ? Catalogue.text(.statsTotal, language) : label(by[0], group)
            out += "<text transform=\"translate(\(fmt(labelX)),\(fmt(top + plotHeight + 12))) rotate(40)\" fill=\"#333333\">\(escape(String(text.prefix(28))))</text>\n"
        }
        if by.count > 1 {
            for (si, name) in series.enumerated() {
                let y = top + plotHeight + 100 + Double(si) * 16
                out += "<rect x=\"\(Int(left))\" y=\"\(fmt(y - 9))\" width=\"10\" height=\"10\" fill=\"\(Self.palette[si % Self.palette.count])\"/>"
                out += "<text x=\"\(Int(left + 16))\" y=\"\(fmt(y))\">\(escape(label(by[1], name)))</text>\n"
            }
        }
        // The method, and what was left out, under the chart.
        var notes = [note(result)]
        if hiddenCount > 0 { notes.insert(Catalogue.text(.chartHiddenLeftOut, language, ["count": "\(hiddenCount)"]), at: 0) }
        let noteY = height - 18 - Double(max(0, notes.count - 1)) * 14
        for (i, text) in notes.enumerated() {
            out += "<text x=\"\(Int(left))\" y=\"\(fmt(noteY + Double(i) * 14))\" fill=\"#555555\" font-size=\"9\">\(escape(String(text.prefix(170))))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
