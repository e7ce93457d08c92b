extension Catalogue {
    /// The HTTP face's own refusals (`haven serve`).
    static let server: [String: [Language: String]] = [
        "serveListening": [.en: "Haven is serving this store at {url} (stop with Ctrl-C or SIGTERM).", .vi: "Haven đang phục vụ kho dữ liệu này tại {url} (dừng bằng Ctrl-C hoặc SIGTERM)."],
        "httpTooManyFailures": [.en: "Too many failed sign-ins from this address; try again in {seconds} seconds.",
                                .vi: "Đăng nhập sai quá nhiều lần từ địa chỉ này; hãy thử lại sau {seconds} giây."],
        "httpBodyTooLarge": [.en: "The request body is larger than {limit} bytes.", .vi: "Nội dung yêu cầu lớn hơn {limit} byte."],
        "httpNotFound": [.en: "There is no such address on this server.", .vi: "Máy chủ không có địa chỉ này."],
        "httpBadBody": [.en: "The request body is not the JSON this address takes: {reason}", .vi: "Nội dung yêu cầu không phải JSON mà địa chỉ này nhận: {reason}"],
        "httpBadQuery": [.en: "The query parameter '{name}' has an unreadable value.", .vi: "Tham số truy vấn '{name}' có giá trị không đọc được."],
        "httpServerError": [.en: "Something went wrong on the server (request {id}); nothing was changed by it.", .vi: "Máy chủ gặp lỗi (yêu cầu {id}); yêu cầu không làm thay đổi gì."],
    ]
}
