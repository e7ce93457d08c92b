/// The Lethality Assessment Program screen (11 yes/no questions).
///
/// High danger when the answer to any of questions 1–3 is yes, or when 4 or more of
/// questions 4–11 are yes. Unanswered questions count as no; a screen with no answer at all
/// is `unknown`. The routing issue moves the thresholds into `risk.yaml`.
public enum RiskScreen {
    /// Which screen a case's answers are from. The Lethality Assessment (LAP) is for violence
    /// by a partner or former partner; the short danger screen is for everyone else (a son,
    /// a parent, an in-law, a stranger), so that their risk is screened rather than unknown.
    public enum Kind: String, Sendable, CaseIterable {
        case lap, danger

        public var questionCount: Int { self == .lap ? RiskScreen.lapQuestionCount : RiskScreen.dangerQuestionCount }

        /// The screen of answers stored as a list (their count tells them apart).
        public init?(answerCount: Int) {
            switch answerCount {
            case RiskScreen.lapQuestionCount: self = .lap
            case RiskScreen.dangerQuestionCount: self = .danger
            default: return nil
            }
        }
    }

    /// A stored answer list ("yes,no,-,…") as each question's text and its answer, in
    /// `language` (the screen is told by the count); nil when it is neither screen's.
    public static func describe(_ stored: String, _ language: Language) -> (screen: String, lines: [(question: String, answer: String)])? {
        let answers = stored.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let kind = Kind(answerCount: answers.count) else { return nil }
        let questions = kind == .lap ? lapQuestions : dangerQuestions
        let lines = zip(questions, answers).map { key, answer in
            (Catalogue.text(key, language), Catalogue.text(answer == "yes" ? .intakeYes : answer == "no" ? .intakeNo : .intakeUnknown, language))
        }
        return (Catalogue.text(kind == .lap ? .paperRiskScreenLAP : .paperRiskScreenDanger, language), lines)
    }

    public static let dangerQuestionCount = 4
    public static let dangerQuestions: [MessageKey] = [.dangerQ1, .dangerQ2, .dangerQ3, .dangerQ4]
    public static let lapQuestionCount = 11
    public static let lapQuestions: [MessageKey] = [.lapQ1, .lapQ2, .lapQ3, .lapQ4, .lapQ5, .lapQ6,
                                                    .lapQ7, .lapQ8, .lapQ9, .lapQ10, .lapQ11]

    /// The risk level of a LAP screen's answers (`nil` = not answered).
    public static func lapLevel(_ answers: [Bool?]) -> RiskLevel {
        guard answers.contains(where: { $0 != nil }) else { return .unknown }
        let yes = answers.map { $0 == true }
        if yes.prefix(3).contains(true) { return .high }
        return yes.dropFirst(3).filter { $0 }.count >= 4 ? .high : .standard
    }
}
