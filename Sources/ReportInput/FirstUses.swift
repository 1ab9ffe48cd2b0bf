/// Remembers where each name of one kind (a code, a key, an id) is first used, and reports
/// every later use as an error that points back at the first.
struct FirstUses {
    /// The kind of name, as the messages say it: `รหัส` / `code`.
    let thai: String
    let english: String
    /// Where the names live, when it helps the reader: ` ในบัญชีรายการ` / ` in the catalog`.
    var thaiPlace = ""
    var englishPlace = ""
    private var first: [String: SourceLocation] = [:]

    init(thai: String, english: String, thaiPlace: String = "", englishPlace: String = "") {
        self.thai = thai
        self.english = english
        self.thaiPlace = thaiPlace
        self.englishPlace = englishPlace
    }

    mutating func use(_ name: String, at location: SourceLocation, sink: DiagnosticSink) {
        if let earlier = first[name] {
            sink.error(
                location, thai: "\(thai) '\(name)' ซ้ำ\(thaiPlace) (ครั้งแรกบรรทัด \(earlier.line))",
                english: "\(english) '\(name)' appears twice\(englishPlace) (first on line \(earlier.line))")
        } else {
            first[name] = location
        }
    }
}
