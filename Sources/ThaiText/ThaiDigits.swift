/// Thai digits (๐–๙) for numbers the document generates.
///
/// Codes such as `O1`, `ITA` or `2.1a` keep their Latin form: a run of ASCII digits that is
/// glued to an ASCII letter (before or after it) is part of a code and is left alone.
public enum ThaiDigits {
    static let zero: UInt32 = 0x0E50

    /// `42` → `๔๒`; negative numbers keep their minus sign.
    public static func format(_ number: Int) -> String {
        convertAll(String(number))
    }

    /// Every ASCII digit becomes a Thai digit, codes included. Use for numbers only.
    public static func convertAll(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let digit = asciiDigitValue(scalar) {
                out.append(Unicode.Scalar(zero + digit)!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Converts the numbers in running text, leaving codes (`O1`, `ISO9001`, `A4`) as they are.
    public static func convertNumbers(in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard asciiDigitValue(scalars[index]) != nil else {
                out.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, asciiDigitValue(scalars[end]) != nil { end += 1 }
            let gluedBefore = index > 0 && isASCIILetter(scalars[index - 1])
            let gluedAfter = end < scalars.count && isASCIILetter(scalars[end])
            for position in index..<end {
                if gluedBefore || gluedAfter {
                    out.append(scalars[position])
                } else {
                    out.append(Unicode.Scalar(zero + asciiDigitValue(scalars[position])!)!)
                }
            }
            index = end
        }
        return String(out)
    }

    /// Thai digits back to ASCII digits (for reading numbers people typed in Thai).
    public static func toASCII(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= zero && scalar.value <= zero + 9 {
                out.append(Unicode.Scalar(scalar.value - zero + 0x30)!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func asciiDigitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        (0x30...0x39).contains(scalar.value) ? scalar.value - 0x30 : nil
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }
}
