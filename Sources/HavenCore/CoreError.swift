import Foundation

/// Errors of the core: bad intake input and bad policy or regions files.
///
/// Messages never repeat a sealed value (a name, a birth date, a phone number): only paths,
/// codes and positions, so that an error can be shown or logged safely.
public enum CoreError: Error, Equatable, Sendable, Codable {
    /// JSON that does not parse, with the 1-based line and column of the first fault.
    case jsonSyntax(line: Int, column: Int, reason: String)
    /// A required member is missing.
    case missingField(path: String)
    /// A member has the wrong JSON type (`expected` is e.g. "a string").
    case wrongType(path: String, expected: String)
    /// A member the format does not have (a typo would otherwise lose data silently).
    case unknownField(path: String, suggestions: [String])
    /// A coded value that is not in its list.
    /// `suggestions`: the closest known values; `known`: every value, listed when none is close
    /// and there are few enough to read.
    case unknownValue(path: String, value: String, kind: String, suggestions: [String], known: [String] = [])
    /// A value of the right type that breaks a rule; the problem holds no personal data.
    case invalidValue(path: String, reason: ValueProblem)
    /// A commune slug that the regions file does not have.
    case unknownCommune(value: String, suggestions: [String])
    /// A policy or regions file that is not valid, at 1-based line and column.
    case policy(file: String, line: Int, column: Int, reason: String)

    /// The same error with its field path as a face names it (`rename` nil: unchanged), e.g.
    /// the CLI's flag for a request field.
    public func renamingPath(_ rename: (String) -> String?) -> CoreError {
        func new(_ path: String) -> String { rename(path) ?? path }
        return switch self {
        case .missingField(let path): .missingField(path: new(path))
        case let .wrongType(path, expected): .wrongType(path: new(path), expected: expected)
        case let .unknownField(path, suggestions): .unknownField(path: new(path), suggestions: suggestions)
        case let .unknownValue(path, value, kind, suggestions, known):
            .unknownValue(path: new(path), value: value, kind: kind, suggestions: suggestions, known: known)
        case let .invalidValue(path, reason): .invalidValue(path: new(path), reason: reason)
        default: self
        }
    }

    /// The message with each JSON path replaced by its name in `names` (a question as the
    /// officer saw it), for screens where paths mean nothing (the terminal intake).
    public func message(_ language: Language, naming names: [String: String]) -> String {
        func named(_ path: String) -> String { names[path].map { "«\($0)»" } ?? path }
        switch self {
        case .missingField(let path): return CoreError.missingField(path: named(path)).message(language)
        case let .wrongType(path, expected): return CoreError.wrongType(path: named(path), expected: expected).message(language)
        case let .unknownField(path, suggestions): return CoreError.unknownField(path: named(path), suggestions: suggestions).message(language)
        case let .unknownValue(path, value, kind, suggestions, known):
            return CoreError.unknownValue(path: named(path), value: value, kind: kind, suggestions: suggestions, known: known).message(language)
        case let .invalidValue(path, reason): return CoreError.invalidValue(path: named(path), reason: reason).message(language)
        default: return message(language)
        }
    }

    /// The message in `language`, saying what was wrong and what to do.
    public func message(_ language: Language) -> String {
        func hint(_ suggestions: [String]) -> String {
            suggestions.isEmpty ? "" : " " + Catalogue.text(.didYouMean, language, ["options": suggestions.joined(separator: ", ")])
        }
        switch self {
        case let .jsonSyntax(line, column, reason):
            return Catalogue.text(.errorJSONSyntax, language, ["line": "\(line)", "column": "\(column)", "reason": reason])
        case let .missingField(path):
            return Catalogue.text(.errorMissingField, language, ["path": path])
        case let .wrongType(path, expected):
            return Catalogue.text(.errorWrongType, language, ["path": path, "expected": expected])
        case let .unknownField(path, suggestions):
            return Catalogue.text(.errorUnknownField, language, ["path": path]) + hint(suggestions)
        case let .unknownValue(path, value, kind, suggestions, known):
            let listed = suggestions.isEmpty && !known.isEmpty && known.count <= 30
                ? " " + Catalogue.text(.knownValues, language, ["options": known.joined(separator: ", ")]) : hint(suggestions)
            return Catalogue.text(.errorUnknownValue, language, ["path": path, "value": value, "kind": kind]) + listed
        case let .invalidValue(path, reason):
            // The template ends its sentence: no "other.." or "?." from a reason that ends one too.
            let text = reason.message(language).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            let message = Catalogue.text(.errorInvalidValue, language, ["path": path, "reason": text])
            return text.hasSuffix("?") ? String(message.dropLast()) : message
        case let .unknownCommune(value, suggestions):
            return Catalogue.text(.errorUnknownCommune, language, ["value": value]) + hint(suggestions)
        case let .policy(file, line, column, reason):
            return "\(file):\(line):\(column): \(reason)"
        }
    }
}
