extension Catalogue {
    /// Grassroots mediation: teams, sessions, follow-ups.
    static let mediation: [String: [Language: String]] = [
        "mediationEligibleYes": [.en: "Case {id} may go to grassroots mediation (its referrals stay).", .vi: "Vụ việc {id} có thể hòa giải ở cơ sở (các chuyển gửi vẫn giữ nguyên)."],
        "mediationEligibleNo": [.en: "Case {id} may not go to grassroots mediation:", .vi: "Vụ việc {id} không được hòa giải ở cơ sở:"],
        "mediationOpened": [.en: "Mediation {id} opened with team {team}; first session due by {due}.", .vi: "Đã mở hòa giải {id} với tổ {team}; phiên đầu tiên trước {due}."],
        "mediationRecorded": [.en: "Mediation {id}: {status}.", .vi: "Hòa giải {id}: {status}."],
        "teamAdded": [.en: "Team {id} ({name}) created in {commune}.", .vi: "Đã tạo tổ {id} ({name}) tại {commune}."],
        "mediatorAdded": [.en: "Mediator {id} added to team {team}.", .vi: "Đã thêm hòa giải viên {id} vào tổ {team}."],
        "mediationStartDue": [.en: "start due {date}", .vi: "hạn bắt đầu {date}"],
        "mediationMediators": [.en: "mediators {names}", .vi: "hòa giải viên {names}"],
        "mediationConflicted": [.en: "conflict of interest: {names}", .vi: "xung đột lợi ích: {names}"],
        "followUpDue": [.en: "follow-up due {date}", .vi: "hạn theo dõi {date}"],
        "followUpDone": [.en: "done {date}", .vi: "đã làm {date}"],
        "followUpRecurred": [.en: "RECURRED", .vi: "TÁI DIỄN"],
        "followUpNoRecurrence": [.en: "no recurrence", .vi: "không tái diễn"],
    ]
}
