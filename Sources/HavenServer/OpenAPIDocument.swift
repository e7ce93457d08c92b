import Foundation
import HavenAPI

/// The OpenAPI 3.1 document of `haven serve`, made from ``Routes`` (the table the server and
/// the remote client are built from), so the document cannot drift from the server:
/// `Deploy/openapi.json` is this document, a test checks the committed file is current, and
/// `make test` runs schemathesis against a running server with it.
///
/// Exact: every path, method, path and query parameter, the bearer scheme, the statuses each
/// route answers and the error body (`{"error", "message"}`). Loose, for now: the success
/// bodies are described as JSON of any shape (their exact shapes are the HavenAPI Swift types).
public enum OpenAPIDocument {
    static let errorStatuses = ["400", "401", "403", "404", "409", "413", "422", "429", "503"]
    static let integerQuery: Set<String> = ["limit", "year"]
    static let booleanQuery: Set<String> = ["atomic", "overdue", "all", "pastDeadline"]

    public static func json() -> String {
        var paths: [String: [String: Any]] = [:]
        for route in Routes.all {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Haven",
                "version": "1",
                "description": "Case handling for gender-based violence: the HTTP face of the same use cases as the haven CLI. "
                    + "Every permission is decided by the service; errors are {\"error\": code, \"message\": text} in the caller's language (Accept-Language).",
            ],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": [
                    "Error": [
                        "type": "object",
                        "required": ["error", "message"],
                        "properties": [
                            "error": ["type": "string", "description": "A stable code (the error's name)."],
                            "message": ["type": "string", "description": "What went wrong and what to do, in the caller's language."],
                            "haven": ["type": "string", "contentEncoding": "base64", "description": "The error itself, for Haven's own clients."],
                        ],
                    ],
                ],
            ],
        ]
        // Cannot fail: the document is built above from strings, numbers, booleans, arrays and
        // dictionaries only (a test serialises it on every run).
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func schema(_ type: String) -> [String: Any] { ["type": type] }

    static func pathParameter(_ name: String) -> [String: Any] {
        var schema: [String: Any]
        if name == "year" {
            schema = ["type": "integer", "minimum": 2000, "maximum": 2100]
        } else {
            schema = ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"]
        }
        return ["name": name, "in": "path", "required": true, "schema": schema]
    }

    static func queryParameter(_ name: String) -> [String: Any] {
        var schema: [String: Any] = ["type": "string", "maxLength": 64]
        if integerQuery.contains(name) { schema = ["type": "integer", "minimum": 0, "maximum": 100_000] }
        if booleanQuery.contains(name) { schema = ["type": "boolean"] }
        return ["name": name, "in": "query", "required": false, "schema": schema]
    }

    static func content(_ type: String, _ schema: [String: Any]) -> [String: Any] {
        let media: [String: Any] = ["schema": schema]
        return [type: media]
    }

    static func operation(_ route: Route) -> [String: Any] {
        var operation: [String: Any] = ["operationId": route.operationID]
        let parameters: [[String: Any]] = route.parameterNames.map(pathParameter) + route.query.map(queryParameter)
        if !parameters.isEmpty { operation["parameters"] = parameters }
        var responses: [String: Any] = [:]
        let errorSchema: [String: Any] = ["$ref": "#/components/schemas/Error"]
        let error: [String: Any] = ["description": "Refused", "content": content("application/json", errorSchema)]
        let text: [String: Any] = content("text/plain", schema("string"))
        let noSecurity: [[String: [String]]] = []
        switch route {
        case Routes.health, Routes.metrics:
            operation["security"] = noSecurity
            responses["200"] = ["description": "OK", "content": text] as [String: Any]
        case Routes.ready:
            operation["security"] = noSecurity
            responses["200"] = ["description": "Ready", "content": text] as [String: Any]
            responses["503"] = ["description": "Not ready", "content": text] as [String: Any]
        default:
            let bearer: [[String: [String]]] = [["bearer": []]]
            operation["security"] = bearer
            let success = Routes.creating.contains(route) ? "201" : "200"
            let anyJSON: [String: Any] = [:]
            responses[success] = ["description": "The answer (a HavenAPI value as JSON)", "content": content("application/json", anyJSON)] as [String: Any]
            for status in errorStatuses { responses[status] = error }
            if route.hasBody {
                operation["requestBody"] = ["required": true, "content": content("application/json", schema("object"))] as [String: Any]
            }
        }
        operation["responses"] = responses
        return operation
    }
}
