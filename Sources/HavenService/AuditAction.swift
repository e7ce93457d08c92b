import HavenCore

/// Every audited action. The raw value is written in the audit chain; the label names the
/// action in messages ("Your role may not read case details").
public enum AuditAction: String, CodedValue {
    case storeInit = "store.init"
    case login = "login"
    case userAdd = "user.add"
    case userList = "user.list"
    case userRevoke = "user.revoke"
    case caseCreate = "case.create"
    case caseList = "case.list"
    case caseShow = "case.show"
    case caseNote = "case.note"
    case caseClose = "case.close"
    case auditVerify = "audit.verify"
    case auditLog = "audit.log"
    public static let codeNamespace = "action"
}
