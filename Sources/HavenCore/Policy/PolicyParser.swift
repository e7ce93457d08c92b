/// Parses the YAML files of a policy folder into a ``Policy``.
///
/// Every unknown key, fact, value, act or agency is an error naming file, line and column,
/// with the closest known word suggested.
extension Policy {
    /// Parses `files` (file name → text); `hash` is the content hash computed by the caller.
    public init(files: [String: String], hash: String) throws(CoreError) {
        for name in Policy.requiredFiles where files[name] == nil {
            throw .policy(file: name, line: 1, column: 1, reason: "the policy has no \(name)")
        }
        let regions = try RegionCatalog(yaml: files["regions.yaml"]!, file: "regions.yaml")
        let agencies = try Self.parseAgencies(files["agencies.yaml"]!)
        let rules = try Self.parseRules(files["routing.yaml"]!, agencies: agencies)
        let (risk, dangerRisk) = try Self.parseRisk(files["risk.yaml"]!)
        let mediation = try MediationPolicy(yaml: files["mediation.yaml"]!, agencies: agencies.map(\.id))
        let disclosure = try files["disclosure.yaml"].map { (text) throws(CoreError) in try DisclosurePolicy(yaml: text) } ?? .standard
        self.init(hash: hash, regions: regions, agencies: agencies, rules: rules, risk: risk, mediation: mediation,
                  disclosure: disclosure, files: files)
        self.dangerRisk = dangerRisk
    }

    static func localized(_ node: PolicyNode) throws(CoreError) -> LocalizedText {
        let m = try node.mapping(allowed: ["vi", "en"])
        return LocalizedText(vi: try m.required("vi", in: node).string(), en: try m.required("en", in: node).string())
    }

    /// Parses `4h`, `3d`, `30m` into seconds.
    static func duration(_ node: PolicyNode) throws(CoreError) -> Int {
        let text = try node.string()
        guard let unit = text.last, let amount = Int(text.dropLast()), amount > 0 else {
            throw node.error("expected a duration such as 4h, 3d or 30m")
        }
        switch unit {
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        default: throw node.error("expected a duration such as 4h, 3d or 30m")
        }
    }

    static func parseAgencies(_ text: String) throws(CoreError) -> [Agency] {
        let root = try PolicyNode.parse(text, file: "agencies.yaml")
        let top = try root.mapping(allowed: ["agencies"])
        var agencies: [Agency] = []
        for (id, keyNode, value) in try top.required("agencies", in: root).entries() {
            guard id == TextFolding.slug(id), !id.isEmpty else { throw keyNode.error("an agency id is lower-case letters, digits and hyphens") }
            let m = try value.mapping(allowed: ["name", "kind", "consent", "deadlines", "receives", "receivesWithoutConsent"])
            let deadlinesNode = try m.required("deadlines", in: value)
            var deadlines: [Priority: Int] = [:]
            for (priority, priorityNode, durationNode) in try deadlinesNode.entries() {
                guard let p = Priority(rawValue: priority) else {
                    throw priorityNode.error("unknown priority '\(priority)'; expected urgent, high or normal")
                }
                deadlines[p] = try duration(durationNode)
            }
            for p in Priority.allCases where deadlines[p] == nil {
                throw deadlinesNode.error("missing the deadline for priority '\(p.rawValue)'")
            }
            func fields(_ node: PolicyNode) throws(CoreError) -> [SealedField] {
                try node.sequence().map { (item) throws(CoreError) -> SealedField in
                    let name = try item.string()
                    guard let field = SealedField(rawValue: name) else {
                        let hint = Suggest.closest(to: name, in: SealedField.allCases.map(\.rawValue), limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                        throw item.error("unknown sealed field '\(name)'\(hint)")
                    }
                    // Whoever reported violence is protected: no agency receives them.
                    guard ![.reporterName, .reporterPhone, .reporterRelationship].contains(field) else {
                        throw item.error("'\(name)' identifies who reported the case; no agency may receive it")
                    }
                    return field
                }
            }
            let receives = try fields(try m.required("receives", in: value))
            var withoutConsent: [SealedField] = []
            if let node = m["receivesWithoutConsent"] {
                withoutConsent = try fields(node)
                for (field, item) in zip(withoutConsent, try node.sequence()) where !receives.contains(field) {
                    throw item.error("'\(field.rawValue)' is not in this agency's receives list; without consent it can only get less")
                }
            }
            var agency = Agency(id: id, name: try localized(try m.required("name", in: value)),
                                kind: try m.required("kind", in: value).string(),
                                consent: try m["consent"]?.coded(ConsentKind.self) ?? .referral,
                                deadlines: deadlines, receives: receives)
            agency.receivesWithoutConsent = withoutConsent
            agencies.append(agency)
        }
        guard !agencies.isEmpty else { throw root.error("no agencies") }
        return agencies
    }

    static func parseRules(_ text: String, agencies: [Agency]) throws(CoreError) -> [Rule] {
        let root = try PolicyNode.parse(text, file: "routing.yaml")
        let top = try root.mapping(allowed: ["rules"])
        var rules: [Rule] = []
        let agencyIDs = agencies.map(\.id)
        for item in try top.required("rules", in: root).sequence() {
            let m = try item.mapping(allowed: ["id", "description", "when", "refer", "priority", "mandatory", "legalBasis",
                                               "blocksMediation", "raisesPriority"])
            let idNode = try m.required("id", in: item)
            let id = try idNode.string()
            guard !rules.contains(where: { $0.id == id }) else { throw idNode.error("the rule id '\(id)' appears twice") }
            var refer: [String] = []
            if let referNode = m["refer"] {
                for agencyNode in try referNode.sequence() {
                    let agency = try agencyNode.string()
                    guard agencyIDs.contains(agency) else {
                        let hint = Suggest.closest(to: agency, in: agencyIDs, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                        throw agencyNode.error("unknown agency '\(agency)'\(hint)")
                    }
                    refer.append(agency)
                }
            }
            let mandatory = try m["mandatory"]?.bool() ?? false
            let legalBasis = try m["legalBasis"]?.string()
            if mandatory && (legalBasis ?? "").isEmpty { throw item.error("a mandatory rule needs its legalBasis") }
            let raises = try m["raisesPriority"]?.bool() ?? false
            let blocks = try m["blocksMediation"].map { (node) throws(CoreError) in try localized(node) }
            if refer.isEmpty && !raises && blocks == nil {
                throw item.error("the rule '\(id)' has no effect: give refer, raisesPriority or blocksMediation")
            }
            rules.append(Rule(id: id, description: try localized(try m.required("description", in: item)),
                              when: try condition(try m.required("when", in: item), agencies: agencyIDs), refer: refer,
                              priority: try m["priority"]?.coded(Priority.self) ?? .normal, mandatory: mandatory,
                              legalBasis: legalBasis, blocksMediation: blocks, raisesPriority: raises))
        }
        return rules
    }

    /// A condition: `all: [...]`, `any: [...]`, `not: ...`, or fact tests (several keys in one
    /// mapping mean all of them).
    /// `agencies` are the ids a `referrals.held` test may name.
    public static func condition(_ node: PolicyNode, agencies: [String]) throws(CoreError) -> Condition {
        let entries = try node.entries()
        guard !entries.isEmpty else { throw node.error("an empty condition") }
        var parts: [Condition] = []
        for (key, keyNode, value) in entries {
            switch key {
            case "all", "any":
                let items = try value.sequence()
                guard !items.isEmpty else { throw value.error("'\(key)' needs at least one condition") }
                var conditions: [Condition] = []
                for item in items { conditions.append(try condition(item, agencies: agencies)) }
                parts.append(key == "all" ? .all(conditions) : .any(conditions))
            case "not":
                parts.append(.not(try condition(value, agencies: agencies)))
            default:
                guard let fact = Fact(rawValue: key) else {
                    let words = ["all", "any", "not"] + Fact.allCases.map(\.rawValue)
                    let hint = Suggest.closest(to: key, in: words, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                    throw keyNode.error("unknown fact '\(key)'\(hint)")
                }
                parts.append(.test(fact, try test(fact, value, agencies: agencies)))
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    static func test(_ fact: Fact, _ node: PolicyNode, agencies: [String]) throws(CoreError) -> Condition.Test {
        let saysUnknown: Bool = if case .scalar = node.node { (try? node.string()) == "unknown" } else { false }
        let allowed: [String]
        switch fact.kind {
        case .code(let values), .codes(let values): allowed = values
        case .agencies: allowed = agencies
        case .number:
            if saysUnknown { return .unknown }
            let m = try node.mapping(allowed: Condition.Comparison.allCases.map(\.rawValue))
            guard m.count == 1, let (op, bound) = m.first else {
                throw node.error("give one comparison: lt, lte, gt, gte or eq, or the word unknown")
            }
            return .compare(Condition.Comparison(rawValue: op)!, try bound.int())
        case .flag:
            return .flag(try node.bool())
        case .tristate:
            if saysUnknown { return .unknown }
            return .flag(try node.bool())
        }
        let items: [PolicyNode]
        if case .sequence = node.node { items = try node.sequence() } else { items = [node] }
        guard !items.isEmpty else { throw node.error("list at least one value for '\(fact.rawValue)'") }
        var values: [String] = []
        for item in items {
            let value = try item.string()
            guard allowed.contains(value) else {
                let hint = Suggest.closest(to: value, in: allowed, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                throw item.error("'\(value)' is not a value of \(fact.rawValue)\(hint)")
            }
            values.append(value)
        }
        return .oneOf(values)
    }

    /// The partner screen (LAP) and the screen for everyone else (`others:`, the short danger
    /// screen; its default when absent).
    static func parseRisk(_ text: String) throws(CoreError) -> (RiskPolicy, RiskPolicy) {
        let root = try PolicyNode.parse(text, file: "risk.yaml")
        let top = try root.mapping(allowed: ["screen", "questions", "high", "others"])
        let lap = try parseScreen(top, root, kind: .lap)
        guard let othersNode = top["others"] else { return (lap, .danger) }
        return (lap, try parseScreen(try othersNode.mapping(allowed: ["screen", "questions", "high"]), othersNode, kind: .danger))
    }

    static func parseScreen(_ top: [String: PolicyNode], _ root: PolicyNode, kind: RiskScreen.Kind) throws(CoreError) -> RiskPolicy {
        let screenNode = try top.required("screen", in: root)
        guard try screenNode.string() == kind.rawValue else { throw screenNode.error("this screen is '\(kind.rawValue)'") }
        let countNode = try top.required("questions", in: root)
        let count = try countNode.int()
        guard count == kind.questionCount else { throw countNode.error("the \(kind.rawValue) screen has \(kind.questionCount) questions") }
        let highNode = try top.required("high", in: root)
        let high = try highNode.mapping(allowed: ["anyYesOf", "atLeast"])
        func questions(_ node: PolicyNode) throws(CoreError) -> [Int] {
            try node.sequence().map { (item) throws(CoreError) -> Int in
                let n = try item.int()
                guard (1...count).contains(n) else { throw item.error("questions are numbered 1 to \(count)") }
                return n
            }
        }
        let anyYes = try questions(try high.required("anyYesOf", in: highNode))
        guard let atLeastNode = high["atLeast"] else {
            // A screen that can never be high is no screen.
            guard !anyYes.isEmpty else { throw highNode.error("this screen could never find high danger: give anyYesOf or atLeast") }
            return RiskPolicy(questionCount: count, anyYesOf: anyYes, atLeast: (1, []))
        }
        let atLeast = try atLeastNode.mapping(allowed: ["count", "of"])
        let leastNode = try atLeast.required("count", in: atLeastNode)
        let least = try leastNode.int()
        let of = try questions(try atLeast.required("of", in: atLeastNode))
        // At least one yes, and no more than there are questions to answer yes.
        guard least >= 1, least <= of.count else { throw leastNode.error("atLeast.count must be between 1 and the number of questions in 'of'") }
        return RiskPolicy(questionCount: count, anyYesOf: anyYes, atLeast: (least, of))
    }
}
