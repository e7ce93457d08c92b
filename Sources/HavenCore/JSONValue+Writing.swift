import Foundation

extension JSONValue {
    /// Compact JSON text; object members keep their order.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            out += n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(member.key, into: &out)
                out += ":"
                member.value.write(into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension IntakeForm {
    /// The form as intake JSON (the contract of issue #2); unknown values are left out.
    public var json: JSONValue {
        func opt(_ key: String, _ value: String?) -> [(key: String, value: JSONValue)] {
            value.map { [(key, .string($0))] } ?? []
        }
        var root: [(key: String, value: JSONValue)] = []
        if let reportedAt { root.append(("reportedAt", .string(Timestamp.format(reportedAt, offsetSeconds: reportedOffsetSeconds)))) }
        root.append(("source", .string(source.rawValue)))
        root.append(("commune", .string(commune)))
        var s: [(key: String, value: JSONValue)] = opt("name", survivor.name)
        s.append(("sex", .string(survivor.sex.rawValue)))
        if let date = survivor.birthDate { s.append(("birthDate", .string(date.description))) }
        else if let year = survivor.birthYear { s.append(("birthYear", .number(Double(year)))) }
        s += opt("phone", survivor.phone) + opt("address", survivor.address) + opt("idNumber", survivor.idNumber)
        s += [("ethnicity", .string(survivor.ethnicity.rawValue)), ("disability", .bool(survivor.disability)),
              ("pregnant", .bool(survivor.pregnant)), ("childUnder36Months", .bool(survivor.childUnder36Months)),
              ("cannotDefend", .bool(survivor.cannotDefend))]
        if let hardship = survivor.financialHardship { s.append(("financialHardship", .bool(hardship))) }
        root.append(("survivor", .object(s)))
        var p: [(key: String, value: JSONValue)] = opt("name", perpetrator.name)
        p.append(("sex", .string(perpetrator.sex.rawValue)))
        if let year = perpetrator.birthYear { p.append(("birthYear", .number(Double(year)))) }
        p.append(("relationship", .string(perpetrator.relationship.rawValue)))
        if let separated = perpetrator.separated { p.append(("separated", .bool(separated))) }
        root.append(("perpetrator", .object(p)))
        var i: [(key: String, value: JSONValue)] = opt("date", incident.date?.description)
        i += [("acts", .array(incident.acts.map { .string($0.rawValue) })), ("injury", .string(incident.injury.rawValue)),
              ("childrenPresent", .bool(incident.childrenPresent))]
        i += opt("narrative", incident.narrative)
        root.append(("incident", .object(i)))
        if let riskAnswers {
            root.append(("risk", .object([("screen", .string(riskScreen.rawValue)),
                                          ("answers", .array(riskAnswers.map { $0.map(JSONValue.bool) ?? .null }))])))
        }
        root.append(("consent", .object([("referral", .bool(consent.referral)), ("police", .bool(consent.police)),
                                         ("mediation", .bool(consent.mediation)), ("statistics", .bool(consent.statistics))])))
        var w: [(key: String, value: JSONValue)] = [("legalAid", .bool(wishes.legalAid)), ("shelter", .bool(wishes.shelter)),
                                                    ("medical", .bool(wishes.medical))]
        if let prosecution = wishes.prosecution { w.append(("prosecution", .bool(prosecution))) }
        root.append(("wishes", .object(w)))
        let c: [(key: String, value: JSONValue)] = opt("channel", safeContact.channel?.rawValue) + opt("times", safeContact.times)
            + opt("person", safeContact.person)
        if !c.isEmpty { root.append(("safeContact", .object(c))) }
        var k: [(key: String, value: JSONValue)] = opt("name", carer.name) + opt("phone", carer.phone) + opt("relationship", carer.relationship)
        if let consented = carer.consented { k.append(("consent", .bool(consented))) }
        if !k.isEmpty { root.append(("carer", .object(k))) }
        let r: [(key: String, value: JSONValue)] = opt("name", reporter.name) + opt("phone", reporter.phone)
            + opt("relationship", reporter.relationship)
        if !r.isEmpty { root.append(("reporter", .object(r))) }
        return .object(root)
    }
}
