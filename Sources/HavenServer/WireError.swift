import Foundation
import HavenAPI
import HavenCore
import HavenService
import Hummingbird
import HTTPTypes

/// A `HavenError` as an HTTP answer: the status that fits it, and `{"error": code,
/// "message": text}` in the caller's language (plus the error itself for Haven's own clients,
/// so a remote CLI prints and exits exactly as a local one). Never a 500 for bad input: only
/// `.internal` and a failed disclosure audit are the server's fault.
struct WireError: HTTPResponseError {
    let error: HavenError
    let language: Language
    var extraHeaders: HTTPFields = [:]

    var status: HTTPResponse.Status { Self.status(for: error) }

    static func status(for error: HavenError) -> HTTPResponse.Status {
        switch error {
        case .notSignedIn, .invalidToken: .unauthorized
        case .forbidden, .wrongAgencyKey, .consentMissing: .forbidden
        case .caseNotFound, .userNotFound, .agencyUnknown, .referralNotFound, .teamNotFound, .mediationNotFound, .draftNotFound:
            .notFound
        case .caseChangedMeanwhile, .policyChangedMeanwhile, .referralNotAllowed, .mediationNotAllowed, .mediationAlreadyOpen,
             .caseClosed, .agencyKeyExists, .lastAdministrator, .keysInUse:
            .conflict
        case .storeBusy, .keysBusy, .keyFileOutdated, .storeIO: .serviceUnavailable
        case .internal, .disclosureAuditFailed, .auditBroken, .settingTampered, .caseTampered, .tampered: .internalServerError
        case .noStore, .storeExists, .keyFileMissing, .keyFileExists, .keyFileCorrupt, .wrongKeyFile, .wrongPassphrase,
             .passphraseRequired, .fileUnreadable, .outputExists, .outputIsDirectory, .outputProtected, .fileWrite,
             .storeEngineUnavailable, .backupByEngine, .serverAddressRefused, .serverUnreachable, .serverRefused,
             .localOnly, .listenFailed, .migrationRefused, .storeMoved, .storeMoveUnfinished, .storeBeingMoved:
            .internalServerError
        case .invalidInput, .importRejected, .noCommunes, .agencyRequired, .partnerRequired, .teamRequired, .policyTestsFailed,
             .packetUnreadable, .bundleRejected, .mediationRefused, .teamNotQualified, .agencyHasNoKey, .draftUnreadable:
            .unprocessableContent
        }
    }

    /// The error's case name: a stable code for programs (`caseNotFound`).
    static func code(_ error: HavenError) -> String {
        String(String(describing: error).prefix { $0 != "(" })
    }

    /// Whether the caller is told the error itself. A server-side fault (a path, a storage
    /// error, a tamper finding) is for the operator's log, not the caller: they get its request
    /// id. "Busy, try again" is the caller's to know.
    var disclosed: Bool {
        switch error {
        case .storeBusy, .keysBusy, .keyFileOutdated: true
        default: status.code < 500
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        guard disclosed else {
            let id = (context as? ServerContext)?.requestID ?? ""
            context.logger.error("request failed", metadata: ["request": .string(id), "error": .string(Self.code(error))])
            return try FaceError(status: status, code: "internal", message: .httpServerError, arguments: ["id": id], language: language)
                .response(from: request, context: context)
        }
        let answer = ErrorAnswer(error: Self.code(error), message: error.message(language),
                                 haven: try? JSONEncoder().encode(error))
        var headers = extraHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try WireJSON.encoder().encode(answer))))
    }
}

/// Refusals the HTTP face makes itself, before any use case: too many failed sign-ins from one
/// address (429 with `Retry-After`), a body over the limit (413), an unknown route (404), a
/// body that is not the JSON a route takes (400).
struct FaceError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: MessageKey
    var arguments: [String: String] = [:]
    let language: Language
    var retryAfter: Int?

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let answer = ErrorAnswer(error: code, message: Catalogue.text(message, language, arguments), haven: nil)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try WireJSON.encoder().encode(answer))))
    }
}
