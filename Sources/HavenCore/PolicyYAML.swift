import Yams

/// A strict reader over a YAML node of a policy file.
///
/// Every error names the file, line and column; a mapping read with ``keys(allowed:)``
/// rejects unknown keys with the closest known one suggested, so that a typo in a policy
/// never silently drops a rule.
public struct PolicyNode {
    public let node: Node
    public let file: String

    /// Parses `text` (the contents of `file`) into its root node.
    public static func parse(_ text: String, file: String) throws(CoreError) -> PolicyNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw CoreError.policy(file: file, line: 1, column: 1, reason: "the file is empty")
            }
            return PolicyNode(node: node, file: file)
        } catch let error as CoreError {
            throw error
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw .policy(file: file, line: mark.line, column: mark.column, reason: "YAML: \(problem)")
            case let .duplicatedKeysInMapping(duplicates, context):
                throw .policy(file: file, line: context.mark.line, column: context.mark.column,
                              reason: "duplicate key \(duplicates.joined(separator: ", "))")
            default:
                throw .policy(file: file, line: 1, column: 1, reason: "YAML: \(error)")
            }
        } catch {
            throw .policy(file: file, line: 1, column: 1, reason: "YAML: \(error)")
        }
    }

    public var line: Int { node.mark?.line ?? 1 }
    public var column: Int { node.mark?.column ?? 1 }

    /// An error at this node.
    public func error(_ reason: String) -> CoreError {
        .policy(file: file, line: line, column: column, reason: reason)
    }

    /// The members of a mapping, after checking every key is in `allowed`.
    public func mapping(allowed: [String]) throws(CoreError) -> [String: PolicyNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping") }
        var result: [String: PolicyNode] = [:]
        for (key, value) in mapping {
            let keyNode = PolicyNode(node: key, file: file)
            guard let name = key.string else { throw keyNode.error("expected a text key") }
            guard allowed.contains(name) else {
                let suggestions = Suggest.closest(to: name, in: allowed, limit: 1)
                let hint = suggestions.first.map { "; did you mean '\($0)'?" } ?? "; known keys: \(allowed.joined(separator: ", "))"
                throw keyNode.error("unknown key '\(name)'\(hint)")
            }
            result[name] = PolicyNode(node: value, file: file)
        }
        return result
    }

    /// The members of a mapping keyed by any text, in document order.
    public func entries() throws(CoreError) -> [(key: String, keyNode: PolicyNode, value: PolicyNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping") }
        var result: [(key: String, keyNode: PolicyNode, value: PolicyNode)] = []
        for (key, value) in mapping {
            let keyNode = PolicyNode(node: key, file: file)
            guard let name = key.string else { throw keyNode.error("expected a text key") }
            result.append((name, keyNode, PolicyNode(node: value, file: file)))
        }
        return result
    }

    /// The items of a sequence.
    public func sequence() throws(CoreError) -> [PolicyNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.map { PolicyNode(node: $0, file: file) }
    }

    public func string() throws(CoreError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a text value") }
        return scalar.string
    }

    /// True for `null`, `~` or an empty value.
    public var isNull: Bool { node.null != nil }

    public func bool() throws(CoreError) -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("expected true or false") }
        return value
    }

    public func int() throws(CoreError) -> Int {
        guard case .scalar = node, let value = node.int else { throw error("expected a whole number") }
        return value
    }

    /// A coded value, with the closest values suggested when it is unknown.
    public func coded<V: CodedValue>(_ type: V.Type) throws(CoreError) -> V {
        let text = try string()
        guard let value = V(rawValue: text) else {
            let suggestions = Suggest.closest(to: text, in: V.rawValues, limit: 1)
            let hint = suggestions.first.map { "; did you mean '\($0)'?" } ?? "; expected one of \(V.rawValues.joined(separator: ", "))"
            throw error("unknown \(V.codeNamespace) '\(text)'\(hint)")
        }
        return value
    }
}

extension Dictionary where Key == String, Value == PolicyNode {
    /// A required member, or an error at `parent` naming it.
    public func required(_ key: String, in parent: PolicyNode) throws(CoreError) -> PolicyNode {
        guard let value = self[key] else { throw parent.error("missing key '\(key)'") }
        return value
    }
}
