/// The digits a document prints its generated numbers in: page numbers, section and item
/// numbers, dates, years, totals. Chosen once per template (`digits: thai` or `arabic`).
public enum DigitStyle: String, Sendable, Equatable, CaseIterable {
    case thai, arabic

    /// `42` → `๔๒` or `42`.
    public func format(_ number: Int) -> String {
        self == .thai ? ThaiDigits.format(number) : String(number)
    }

    /// Every digit of a number-only text (`2.1`, `1,200`) in this style, whichever digits it
    /// was written in.
    public func convert(_ text: String) -> String {
        self == .thai ? ThaiDigits.convertAll(text) : ThaiDigits.toASCII(text)
    }

    /// An amount with thousands separators and two decimals when it has a fraction:
    /// `1234567` → `1,234,567`, `1500.5` → `1,500.50`.
    public func amount(_ value: Double) -> String {
        let negative = value < 0
        let cents = Int((abs(value) * 100).rounded())
        let whole = cents / 100
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if cents % 100 != 0 {
            let fraction = cents % 100
            grouped += "." + (fraction < 10 ? "0" : "") + String(fraction)
        }
        return convert((negative ? "-" : "") + grouped)
    }
}
