/// Buddhist-era years, Thai month names and Thai-style dates.
public enum ThaiCalendar {
    /// พ.ศ. = ค.ศ. + 543.
    public static let buddhistEraOffset = 543

    public static func buddhistYear(fromCommonEra year: Int) -> Int { year + buddhistEraOffset }
    public static func commonEraYear(fromBuddhist year: Int) -> Int { year - buddhistEraOffset }

    public static let monthNames = [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]
    public static let monthAbbreviations = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]

    /// Full Thai month name for month 1…12, `nil` outside that range.
    public static func monthName(_ month: Int) -> String? {
        (1...12).contains(month) ? monthNames[month - 1] : nil
    }
}

/// A calendar date that may be known only to the month, kept in the Common Era.
public struct ThaiDate: Hashable, Sendable, Comparable {
    public let year: Int  // Common Era
    public let month: Int  // 1…12
    public let day: Int?  // nil when only the month is known

    /// Fails when the month or day does not exist (31 April, 29 February in a common year).
    public init?(commonEraYear year: Int, month: Int, day: Int? = nil) {
        guard (1...12).contains(month) else { return nil }
        if let day {
            guard day >= 1, day <= ThaiDate.daysIn(month: month, year: year) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(buddhistYear year: Int, month: Int, day: Int? = nil) {
        self.init(commonEraYear: ThaiCalendar.commonEraYear(fromBuddhist: year), month: month, day: day)
    }

    /// Reads `YYYY-MM` or `YYYY-MM-DD`; a year above 2400 is taken as Buddhist era.
    /// Thai digits are accepted too.
    public init?(parsing text: String) {
        let parts = ThaiDigits.toASCII(text).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
            parts[0].count == 4, let year = Int(parts[0]),
            parts[1].count == 2, let month = Int(parts[1])
        else { return nil }
        var day: Int? = nil
        if parts.count == 3 {
            guard parts[2].count == 2, let value = Int(parts[2]) else { return nil }
            day = value
        }
        let commonEra = year > 2400 ? ThaiCalendar.commonEraYear(fromBuddhist: year) : year
        self.init(commonEraYear: commonEra, month: month, day: day)
    }

    public var buddhistYear: Int { ThaiCalendar.buddhistYear(fromCommonEra: year) }

    /// `มีนาคม ๒๕๖๔`, or `๒๕ มีนาคม ๒๕๖๔` when the day is known.
    public var thaiText: String { text(digits: .thai) }

    /// `มีนาคม 2564` (Arabic digits) or `มีนาคม ๒๕๖๔` (Thai), with the day when it is known.
    public func text(digits: DigitStyle) -> String {
        let monthYear = "\(ThaiCalendar.monthNames[month - 1]) \(digits.format(buddhistYear))"
        guard let day else { return monthYear }
        return "\(digits.format(day)) \(monthYear)"
    }

    /// ISO-8601 form in the Common Era (`2021-03` or `2021-03-25`), for metadata.
    public var isoText: String {
        let base = "\(year)-\(month < 10 ? "0" : "")\(month)"
        guard let day else { return base }
        return base + "-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (lhs: ThaiDate, rhs: ThaiDate) -> Bool {
        (lhs.year, lhs.month, lhs.day ?? 0) < (rhs.year, rhs.month, rhs.day ?? 0)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// The Thai government fiscal year: ปีงบประมาณ ๒๕๖๔ runs from 1 October 2020 to 30 September 2021.
public struct FiscalYear: Hashable, Sendable, Comparable {
    /// Buddhist-era number of the year, e.g. 2564.
    public let buddhistYear: Int

    public init(buddhistYear: Int) { self.buddhistYear = buddhistYear }

    /// The fiscal year a day falls in: October to December belong to the next year's budget.
    public init(containing date: ThaiDate) {
        let commonEra = date.month >= 10 ? date.year + 1 : date.year
        self.buddhistYear = ThaiCalendar.buddhistYear(fromCommonEra: commonEra)
    }

    /// 1 October of the year before, in the Common Era.
    public var firstDay: ThaiDate {
        ThaiDate(commonEraYear: ThaiCalendar.commonEraYear(fromBuddhist: buddhistYear) - 1, month: 10, day: 1)!
    }

    /// 30 September, in the Common Era.
    public var lastDay: ThaiDate {
        ThaiDate(commonEraYear: ThaiCalendar.commonEraYear(fromBuddhist: buddhistYear), month: 9, day: 30)!
    }

    public func contains(_ date: ThaiDate) -> Bool { FiscalYear(containing: date) == self }

    public var previous: FiscalYear { FiscalYear(buddhistYear: buddhistYear - 1) }

    /// `ปีงบประมาณ พ.ศ. ๒๕๖๔`
    public var thaiText: String { "ปีงบประมาณ พ.ศ. \(ThaiDigits.format(buddhistYear))" }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.buddhistYear < rhs.buddhistYear }
}

/// Section numbers such as `2.1` printed as `๒.๑`.
public enum SectionNumber {
    public static func thai(_ number: String) -> String { ThaiDigits.convertAll(number) }
}
