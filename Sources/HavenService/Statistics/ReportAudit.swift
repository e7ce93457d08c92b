import Foundation
import HavenAPI
import HavenCore

/// What the annual report's own attacker found on the store's data when the report was made,
/// and what each of its tables loses to disclosure control.
///
/// The attacker holds every figure the report prints — both years of every table, the
/// population line, the mediation figures — and keeps integer bounds on every count over
/// every sum between them (``BoundsAttacker``). Its targets are the true counts from 1 to
/// k−1 behind those figures; a report in which one of them is pinned, or narrowed below what
/// the method promises, is not issued.
public struct ReportAudit: Sendable, Equatable {
    /// One table's information loss (current year, its interior cells).
    public struct Table: Sendable, Equatable {
        public let title: String
        public let cells: Int
        /// Interior cells hidden, zeros among them: which hidden cells are zero is itself
        /// protected, so the share of non-zero cells hidden is not printed.
        public let hiddenCells: Int
        /// People in hidden interior cells ÷ the table's total, from the published figures.
        public let hiddenPeopleShare: Double
        /// Mean |shown − true| over the table's non-zero shown cells; nil when fewer than
        /// ``ReportAudit/minimumCells`` cells are shown non-zero (on a few cells the mean would
        /// tell how far particular counts moved).
        public let meanAbsolutePerturbation: Double?
    }

    public let tables: [Table]
    /// Figures the attacker held.
    public let figures: Int
    /// The narrowest range the attacker kept for a count from 1 to k−1 (nil: none to attack).
    public let narrowestRange: Int?
    /// Mean |shown − true| over every non-zero shown cell of the current year's tables (nil
    /// under ``minimumCells`` cells).
    public let meanAbsolutePerturbation: Double?

    /// Fewest non-zero shown cells over which a mean perturbation is printed.
    public static let minimumCells = 20
}

/// A table of the report with the true counts behind it, for the audit.
struct AuditedSection {
    let title: String
    let result: StatResult
    let truth: StatTruth
    let current: Bool
}

/// The report's mediation figures (province total) with their true counts.
struct AuditedMediation {
    let year: Int
    let row: MediationStatsRow
    let truth: [String: Int]
}

extension HavenService {
    /// Attacks the report's figures with the true counts at hand; throws
    /// ``HavenError/disclosureAuditFailed(count:)`` if any count from 1 to k−1 is pinned or
    /// narrowed below the method's promise, or one quantity was shown with two values.
    func auditReport(_ sections: [AuditedSection], mediation: [AuditedMediation], populationTotal: Int?, year: Int) throws -> ReportAudit {
        let disclosure = context.policy.disclosure
        let k = disclosure.k
        let table = disclosure.perturbation
        let regions = context.regions
        var attacker = BoundsAttacker()
        var truths: [String: Int] = [:]
        var perturbed: Set<String> = []
        var shown: [String: Int] = [:]
        var contradictions = 0, figures = 0

        func name(_ measure: String, _ fixed: [StatDimension: String], _ period: String) -> String {
            var fixed = fixed.filter { $0.value != ContingencyTable.all }
            // A commune fixes its former district: the same people either way.
            if let commune = fixed[.commune], let district = regions.commune(commune)?.formerDistrictSlug { fixed[.formerDistrict] = district }
            return measure + "|" + fixed.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ",")
                + "|" + period
        }
        func publish(_ name: String, shownValue: Int?, perturbation: Bool, truth: Int) {
            figures += 1
            truths[name] = truth
            if perturbation { perturbed.insert(name) }
            guard let value = shownValue else {
                attacker.constrain(name, to: 0...BoundsAttacker.unbounded)
                return
            }
            if let earlier = shown[name], earlier != value { contradictions += 1 }
            shown[name] = value
            attacker.constrain(name, to: perturbation ? table.preimage(of: value) : value...value)
        }

        // 1. Every figure of every table, both years.
        var dimensions: [String: Set<StatDimension>] = [:]
        for section in sections {
            let result = section.result
            let measure = result.query.measure.rawValue
            dimensions[measure, default: []].formUnion(result.query.by + result.query.filters.keys)
            for (cell, truth) in zip(result.cells, section.truth.cells) {
                let fixed = result.query.filters.merging(cell.values) { _, cell in cell }
                publish(name(measure, fixed, "\(result.query.period)"), shownValue: cell.count, perturbation: result.method == .perturb, truth: truth)
            }
            // 2. The population line: consenting cases and those without consent.
            if section.current, let population = populationTotal, result.populationTotal == population {
                let period = "\(result.query.period)"
                figures += 1
                attacker.constrain("population|" + period, to: table.preimage(of: population))
                attacker.sum("population|" + period, [name(measure, [:], period), "refusers|" + period])
                truths["refusers|" + period] = section.truth.unconsented
                perturbed.insert("refusers|" + period)
            }
        }
        // 3. Mediation figures: opened are the mediations of the year (the same people as the
        //    mediation table's total), agreements among them, recurrences among agreements.
        for item in mediation {
            let period = String(item.year)
            let opened = name(StatMeasure.mediations.rawValue, [:], period)
            let fields = [("opened", item.row.opened), ("agreements", item.row.agreements),
                          ("recurred12", item.row.recurrenceWithin12Months), ("recurred6", item.row.recurrenceWithin6Months)]
            for (field, cell) in fields {
                publish(field == "opened" ? opened : "mediation-\(field)|" + period, shownValue: cell.count, perturbation: true,
                        truth: item.truth[field] ?? 0)
            }
            attacker.atMost("mediation-agreements|" + period, opened)
            attacker.atMost("mediation-recurred12|" + period, "mediation-agreements|" + period)
            attacker.atMost("mediation-recurred6|" + period, "mediation-recurred12|" + period)
        }

        // 4. Every sum between them: along each dimension of the measure, former districts
        //    into the province and communes into their former district.
        let districts = Array(Set(regions.communes.map(\.formerDistrictSlug))).sorted()
        for quantity in attacker.names where !quantity.hasPrefix("population|") && !quantity.hasPrefix("refusers|") && !quantity.hasPrefix("mediation-") {
            let parts = quantity.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let measure = parts[0], period = parts[2]
            var fixed: [StatDimension: String] = [:]
            for pair in parts[1].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if let dim = StatDimension(rawValue: kv[0]) { fixed[dim] = kv[1] }
            }
            func relate(_ children: [String]) {
                if children.contains(where: { attacker.find($0) != nil }) { attacker.sum(quantity, children) }
            }
            for dim in dimensions[measure] ?? [] where fixed[dim] == nil && dim != .commune && dim != .formerDistrict && !dim.isMultiValued {
                relate(domain(dim, year: Int(period) ?? year).map { value in
                    var f = fixed; f[dim] = value; return name(measure, f, period)
                })
            }
            if fixed[.formerDistrict] == nil {
                relate(districts.map { var f = fixed; f[.formerDistrict] = $0; return name(measure, f, period) })
            } else if fixed[.commune] == nil {
                let communes = regions.communes.filter { $0.formerDistrictSlug == fixed[.formerDistrict] }.map(\.slug)
                relate(communes.map { var f = fixed; f[.commune] = $0; return name(measure, f, period) })
            }
        }
        attacker.run()

        // 5. What it recovered.
        var failures = contradictions + attacker.contradictions.count + attacker.infeasible.count
        var narrowest: Int?
        for (quantity, truth) in truths where (1..<k).contains(truth) {
            guard let bounds = attacker.bounds(quantity) else { continue }
            narrowest = min(narrowest ?? .max, bounds.count)
            // Perturbation promises at least two values for a small count; suppression the whole 0…k−1.
            let kept = perturbed.contains(quantity) ? bounds.count >= 2 : (bounds.lowerBound == 0 && bounds.upperBound >= k - 1)
            if !kept { failures += 1 }
        }
        guard failures == 0 else { throw HavenError.disclosureAuditFailed(count: failures) }

        // 6. Each table's information loss (current year, interior cells).
        var pooled = 0.0, pooledCells = 0, pooledShown = 0
        var tables: [ReportAudit.Table] = []
        for section in sections where section.current {
            let result = section.result
            var cells = 0, hidden = 0, shownNonZero = 0, moved = 0.0, movedCells = 0
            for (cell, truth) in zip(result.cells, section.truth.cells) where !cell.values.values.contains(ContingencyTable.all) {
                cells += 1
                guard let value = cell.count else { hidden += 1; continue }
                if value > 0 { shownNonZero += 1 }
                if truth > 0 { moved += Double(abs(value - truth)); movedCells += 1 }
            }
            pooled += moved; pooledCells += movedCells; pooledShown += shownNonZero
            let mean = shownNonZero >= ReportAudit.minimumCells && movedCells > 0 ? moved / Double(movedCells) : nil
            tables.append(ReportAudit.Table(title: section.title, cells: cells, hiddenCells: hidden, hiddenPeopleShare: result.hiddenShare,
                                            meanAbsolutePerturbation: mean))
        }
        return ReportAudit(tables: tables, figures: figures, narrowestRange: narrowest,
                           meanAbsolutePerturbation: pooledShown >= ReportAudit.minimumCells && pooledCells > 0 ? pooled / Double(pooledCells) : nil)
    }
}
