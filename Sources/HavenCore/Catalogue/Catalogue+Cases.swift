extension Catalogue {
    /// Cases: creation, import, closing, wishes.
    static let cases: [String: [Language: String]] = [
        "caseCreated": [.en: "Case {id} created ({type}).", .vi: "Đã tạo vụ việc {id} ({type})."],
        "caseClosedDone": [.en: "Case {id} closed: {outcome}.", .vi: "Đã đóng vụ việc {id}: {outcome}."],
        "importSummary": [.en: "Cases imported: {imported}; lines rejected: {rejected}.", .vi: "Đã nhập {imported} vụ việc, từ chối {rejected} dòng."],
        "importLineError": [.en: "line {line}: {message}", .vi: "dòng {line}: {message}"],
        "wishLegalAid": [.en: "wants legal aid", .vi: "muốn được trợ giúp pháp lý"],
        "wishShelter": [.en: "wants temporary shelter", .vi: "muốn có nơi tạm lánh"],
        "wishMedical": [.en: "wants medical care", .vi: "muốn được chăm sóc y tế"],
        "mandatoryLabel": [.en: "mandatory", .vi: "bắt buộc"],
        "importSkipped": [.en: "{count} lines were already imported and were skipped (line → case): {lines}", .vi: "{count} dòng đã được nhập trước đó nên được bỏ qua (dòng → vụ việc): {lines}"],
    ]
}
