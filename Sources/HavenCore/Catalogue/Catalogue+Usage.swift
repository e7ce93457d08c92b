extension Catalogue {
    /// The CLI's usage errors and help texts.
    static let usage: [String: [Language: String]] = [
        "usageTogether": [.en: "Give {first} and {second} together, or neither.", .vi: "Hãy cho cả {first} và {second}, hoặc không cho cả hai."],
        "usageListen": [.en: "'{value}' is not an address to listen on: give HOST:PORT, e.g. 127.0.0.1:8080.", .vi: "'{value}' không phải địa chỉ để lắng nghe: hãy cho MÁY:CỔNG, ví dụ 127.0.0.1:8080."],
        "usageOneOf": [.en: "{option} takes one of: {values}.", .vi: "{option} chỉ nhận một trong: {values}."],
        "usageDate": [.en: "{option} takes a date written YYYY-MM-DD.", .vi: "{option} cần một ngày dạng YYYY-MM-DD."],
        "usageRange": [.en: "{option} takes {min} to {max}.", .vi: "{option} nhận giá trị từ {min} đến {max}."],
        "usagePositive": [.en: "{option} takes a positive number.", .vi: "{option} cần một số dương."],
        "usageExactlyOne": [.en: "Give exactly one of {first} or {second}.", .vi: "Hãy nêu đúng một trong {first} hoặc {second}."],
        "usagePeriod": [.en: "{option} takes a year, a quarter or a month: 2026, 2026-Q3 or 2026-11.", .vi: "{option} nhận một năm, một quý hoặc một tháng: 2026, 2026-Q3 hoặc 2026-11."],
        "usageNeeds": [.en: "{option} needs {other}.", .vi: "{option} cần đi kèm {other}."],
        "usageWhere": [.en: "{option} takes dimension=value, not '{value}'.", .vi: "{option} cần dạng chiều=giá trị, không phải '{value}'."],
        "usageYear": [.en: "{option} must be a year from {from} to {to}.", .vi: "{option} phải là năm từ {from} đến {to}."],
        "usageNoiseRemoved": [.en: "The noise mode (--privacy dp, --epsilon) was removed: its answers could be averaged back to exact counts. Every table is now perturbed by default (cell-key perturbation), the same figure for the same people every time; use --method suppress for exact counts with hidden cells.", .vi: "Chế độ nhiễu (--privacy dp, --epsilon) đã bị gỡ bỏ: có thể lấy trung bình các kết quả để suy ra số chính xác. Mọi bảng nay mặc định được làm nhiễu theo khóa ô, cùng một nhóm người luôn cho cùng một số; dùng --method suppress để có số chính xác với các ô bị ẩn."],
        "usageEditVersion": [.en: "--from needs --version: the case's version from 'haven case show ID --json'.",
                             .vi: "--from cần --version: phiên bản của vụ việc lấy từ 'haven case show ID --json'."],
    ]
}
