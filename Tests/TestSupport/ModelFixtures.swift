import ReportModel

/// Small report models for tests that lay out or build something other than the sample.
public enum ModelFixtures {
    public static let sentence = "มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการ และระหว่างหัวหน้าส่วนราชการกับข้าราชการ ลูกจ้างและพนักงานจ้างในสังกัด เป็นประจำทุกเดือน"

    /// A report with the given sections and nothing else of note.
    public static func report(_ sections: [Section], id: String = "test", preface: [String] = ["คำนำสั้น ๆ"],
                              style: Style = Style()) -> Report {
        Report(agencyID: id, fiscalYear: 2564,
               metadata: Metadata(title: "รายงานทดสอบ", author: "หน่วยงานทดสอบ", subject: "ทดสอบ", date: "2021-03"),
               cover: Cover(titleLines: ["รายงานทดสอบ"], agencyName: "หน่วยงานทดสอบ", address: nil, logoPath: nil),
               preface: Preface(heading: "คำนำ", paragraphs: preface, signature: Signature(lines: ["หน่วยงานทดสอบ"], dateText: "มีนาคม ๒๕๖๔")),
               contents: ContentsPage(heading: "สารบัญ", pageLabel: "หน้า", closingLine: nil),
               bodyTitleLines: ["รายงานทดสอบ"], sections: sections, style: style)
    }
}
