import Testing

@testable import ThaiText

@Suite struct ThaiDigitsTests {
    @Test func formatsIntegers() {
        #expect(ThaiDigits.format(0) == "๐")
        #expect(ThaiDigits.format(2564) == "๒๕๖๔")
        #expect(ThaiDigits.format(1_234_567_890) == "๑๒๓๔๕๖๗๘๙๐")
        #expect(ThaiDigits.format(-5) == "-๕")
    }

    @Test func convertsNumbersInTextButNotCodes() {
        #expect(ThaiDigits.convertNumbers(in: "หน้า 2 - 3") == "หน้า ๒ - ๓")
        #expect(ThaiDigits.convertNumbers(in: "ข้อ O1 และ O43") == "ข้อ O1 และ O43")
        #expect(ThaiDigits.convertNumbers(in: "ITA (IIT) 2.1") == "ITA (IIT) ๒.๑")
        #expect(ThaiDigits.convertNumbers(in: "A4 กับ 4A") == "A4 กับ 4A")
        #expect(ThaiDigits.convertNumbers(in: "พ.ศ.2564") == "พ.ศ.๒๕๖๔")
        #expect(ThaiDigits.convertNumbers(in: "") == "")
        #expect(ThaiDigits.convertNumbers(in: "๑๒ already") == "๑๒ already")
    }

    @Test func convertAllTouchesEveryDigit() {
        #expect(ThaiDigits.convertAll("O1") == "O๑")
        #expect(ThaiDigits.convertAll("9.1") == "๙.๑")
    }

    @Test func roundTripsToASCII() {
        #expect(ThaiDigits.toASCII("๒๕๖๔-๐๓") == "2564-03")
        for n in [0, 7, 10, 99, 2564, 100000] {
            #expect(ThaiDigits.toASCII(ThaiDigits.format(n)) == String(n))
        }
    }
}
