import Testing

@testable import ThaiText

@Suite struct ThaiCalendarTests {
    @Test func buddhistEra() {
        #expect(ThaiCalendar.buddhistYear(fromCommonEra: 2021) == 2564)
        #expect(ThaiCalendar.commonEraYear(fromBuddhist: 2564) == 2021)
    }

    @Test func monthNames() {
        #expect(ThaiCalendar.monthName(1) == "มกราคม")
        #expect(ThaiCalendar.monthName(3) == "มีนาคม")
        #expect(ThaiCalendar.monthName(12) == "ธันวาคม")
        #expect(ThaiCalendar.monthName(0) == nil)
        #expect(ThaiCalendar.monthName(13) == nil)
    }

    @Test func datesInThai() {
        #expect(ThaiDate(commonEraYear: 2021, month: 3)!.thaiText == "มีนาคม ๒๕๖๔")
        #expect(ThaiDate(buddhistYear: 2564, month: 3, day: 25)!.thaiText == "๒๕ มีนาคม ๒๕๖๔")
        #expect(ThaiDate(commonEraYear: 2021, month: 3, day: 5)!.isoText == "2021-03-05")
    }

    @Test func parsesBothEras() {
        #expect(ThaiDate(parsing: "2564-03") == ThaiDate(commonEraYear: 2021, month: 3))
        #expect(ThaiDate(parsing: "2021-03") == ThaiDate(commonEraYear: 2021, month: 3))
        #expect(ThaiDate(parsing: "๒๕๖๔-๐๓-๒๕") == ThaiDate(commonEraYear: 2021, month: 3, day: 25))
    }

    @Test func rejectsImpossibleDates() {
        #expect(ThaiDate(parsing: "2564-13") == nil)
        #expect(ThaiDate(parsing: "2564-00") == nil)
        #expect(ThaiDate(parsing: "2021-02-29") == nil)  // 2021 is not a leap year
        #expect(ThaiDate(parsing: "2563-02-29") != nil)  // 2020 is
        #expect(ThaiDate(parsing: "2564-04-31") == nil)
        #expect(ThaiDate(parsing: "2564-3") == nil)
        #expect(ThaiDate(parsing: "March 2021") == nil)
        #expect(ThaiDate(parsing: "") == nil)
        #expect(ThaiDate(parsing: "2564-03-01-01") == nil)
    }

    @Test func fiscalYearBoundaries() {
        let year = FiscalYear(buddhistYear: 2564)
        #expect(year.firstDay == ThaiDate(commonEraYear: 2020, month: 10, day: 1))
        #expect(year.lastDay == ThaiDate(commonEraYear: 2021, month: 9, day: 30))
        #expect(FiscalYear(containing: ThaiDate(commonEraYear: 2020, month: 9, day: 30)!).buddhistYear == 2563)
        #expect(FiscalYear(containing: ThaiDate(commonEraYear: 2020, month: 10, day: 1)!).buddhistYear == 2564)
        #expect(FiscalYear(containing: ThaiDate(commonEraYear: 2021, month: 9, day: 30)!).buddhistYear == 2564)
        #expect(FiscalYear(containing: ThaiDate(commonEraYear: 2021, month: 10, day: 1)!).buddhistYear == 2565)
        #expect(year.contains(ThaiDate(commonEraYear: 2021, month: 3)!))
        #expect(year.previous.buddhistYear == 2563)
        #expect(year.thaiText == "ปีงบประมาณ พ.ศ. ๒๕๖๔")
    }

    @Test func sectionNumbers() {
        #expect(SectionNumber.thai("2.1") == "๒.๑")
        #expect(SectionNumber.thai("10.2") == "๑๐.๒")
    }
}
