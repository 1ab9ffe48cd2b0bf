import Foundation

/// Input for the benchmarks, written to a scratch folder: the real template and sample, long
/// synthetic reports, and a hundred agencies for a batch.
struct Workload {
    let root: URL
    let repository: URL

    init(repository: URL, folder: String? = nil) throws {
        self.repository = repository
        root = FileManager.default.temporaryDirectory.appendingPathComponent(folder ?? "thaireport-bench-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try copy("Templates/ita-2564/template.yaml")
        try copy("Templates/ita-2564/lexicon.txt")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    private func copy(_ path: String) throws {
        let target = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: repository.appendingPathComponent(path), to: target)
    }

    var sampleText: String {
        try! String(contentsOf: repository.appendingPathComponent("Samples/singburi-pao/2564.yaml"), encoding: .utf8)
    }

    func write(_ path: String, _ text: String) -> URL {
        let url = root.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return url
    }

    /// The sample report, as it is in the repository.
    func sample() -> URL { write("Samples/singburi-pao/2564.yaml", sampleText) }

    /// A report of the standard texts with `rows` measure rows (a few lines in every cell) and
    /// an OIT checklist of `items` items and the two every catalog has (where the measures and
    /// their results are published), from a template made for it (`bench`, the year's template
    /// with a catalog of that size). About six rows or three items make a page.
    func synthetic(rows: Int, items: Int) -> URL {
        let template = try! String(
            contentsOf: repository.appendingPathComponent("Templates/ita-2564/template.yaml"), encoding: .utf8)
        var catalog = """
            oit_catalog:
              - indicator: "9"
                title: การเปิดเผยข้อมูล
                subindicators:
                  - number: "9.1"
                    title: ข้อมูลพื้นฐาน
                    topics:
                      - title: ข้อมูลพื้นฐาน
                        items:

            """
        for n in 1...items {
            catalog += """
                              - code: O\(n)
                                key: o\(n)
                                title: รายการข้อมูลที่ \(n)
                                elements:
                                  - แสดงแผนผังแสดงโครงสร้างการแบ่งส่วนราชการของหน่วยงาน
                                  - แสดงตำแหน่งที่สำคัญ และการแบ่งส่วนงานภายใน ยกตัวอย่างเช่น สำนัก กอง ศูนย์ ฝ่าย ส่วน กลุ่ม เป็นต้น

                """
        }
        // The two items every catalog has (`role`): where the measures and their results are published.
        for (n, role) in [(items + 1, "measures"), (items + 2, "measures_results")] {
            catalog += """
                              - code: O\(n)
                                key: o\(n)
                                role: \(role)
                                title: รายการข้อมูลที่ \(n)
                                elements:
                                  - แสดงมาตรการ

                """
        }
        let start = template.range(of: "\noit_catalog:")!.lowerBound
        let end = template.range(of: "\nstyle:")!.lowerBound
        var bench = template
        bench.replaceSubrange(start..<end, with: "\n" + catalog)
        bench = bench.replacingOccurrences(of: "id: ita-2564", with: "id: bench")
        _ = write("Templates/bench/template.yaml", bench)

        // The long tables come from CSV, as an office would keep them, so the data file stays small.
        let result =
            "- มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการ และระหว่างหัวหน้าส่วนราชการกับข้าราชการ ลูกจ้างและพนักงานจ้างในสังกัด เป็นประจำทุกเดือน เพื่อติดตามผลการปฏิบัติงานตามมาตรการ"
        var measures = "indicator,measure,continues,step,responsible,result\n"
        for n in 1...rows {
            measures +=
                ",มาตรการที่ \(n) กำหนดให้มีการปรับปรุงข้อมูลรายงานผลการดำเนินงานตามแผนดำเนินงานประจำปี ให้มีรายละเอียดข้อมูลที่ครบถ้วน,,"
                + "-กำหนดให้หน่วยงานเจ้าของข้อมูลตรวจสอบข้อมูลให้ครบถ้วนถูกต้องก่อนนำส่งข้อมูลให้เจ้าหน้าที่ดูแลเว็บไซต์,"
                + "สำนักปลัดฯ/ ทุกส่วนราชการ,\(result)\n"
        }
        var checklist = "code,responsible,has_data,no_data_reason,published,unpublished_reason\n"
        for n in 1...(items + 2) { checklist += "O\(n),สำนักปลัด,yes,,yes,\n" }
        let folder = "Synthetic/synthetic-\(rows)-\(items)"
        _ = write("\(folder)/iit.csv", measures)
        _ = write("\(folder)/oit.csv", checklist)
        let yaml = """
            template: bench
            fiscal_year: 2564
            agency: {id: synthetic-\(rows)-\(items), name: องค์การบริหารส่วนตำบลตัวอย่าง, address: อำเภอตัวอย่าง จังหวัดตัวอย่าง}
            issuing_unit: สำนักปลัด
            signature: {lines: [สำนักปลัด, องค์การบริหารส่วนตำบลตัวอย่าง], date: 2564-03}
            measures:
              iit: {csv: iit.csv}
            oit: {csv: oit.csv}

            """
        return write("Synthetic/synthetic-\(rows)-\(items)/2564.yaml", yaml)
    }

    /// `count` agencies (the sample under other ids) in one folder.
    func batch(_ count: Int) -> URL {
        let folder = "Batch\(count)"
        for n in 1...count {
            let id = String(format: "agency-%03d", n)
            _ = write(
                "\(folder)/\(id)/2564.yaml", sampleText.replacingOccurrences(of: "id: singburi-pao", with: "id: \(id)"))
        }
        return root.appendingPathComponent(folder)
    }

    /// The kinds of long text the linearity cases lay out.
    enum LongText: String, CaseIterable {
        /// Thai with a space between phrases, as results are written.
        case spaces = "Thai with spaces"
        /// The same Thai with no space at all: every break comes from the dictionary.
        case noSpaces = "Thai without spaces"
        /// Latin letters and digits with no break opportunity anywhere (a token, a pasted hash).
        case unbroken = "no break opportunity"

        var unit: String {
            switch self {
            case .spaces:
                return "มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการ และระหว่างหัวหน้าส่วนราชการกับข้าราชการ "
                    + "ลูกจ้างและพนักงานจ้างในสังกัด เป็นประจำทุกเดือน "
            case .noSpaces:
                return "มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการและระหว่างหัวหน้าส่วนราชการกับข้าราชการ"
                    + "ลูกจ้างและพนักงานจ้างในสังกัดเป็นประจำทุกเดือน"
            case .unbroken: return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            }
        }

        /// About `bytes` bytes of this text (whole characters).
        func text(bytes: Int) -> String {
            let unitBytes = unit.utf8.count
            var text = String(repeating: unit, count: bytes / unitBytes)
            for character in unit.unicodeScalars {
                if text.utf8.count + String(character).utf8.count > bytes { break }
                text.unicodeScalars.append(character)
            }
            return text
        }
    }

    /// The sample report with its measures table replaced by `bytes` bytes of `kind` text: in
    /// the result cell of one row (`cells == 1`, a cell split over every page), or spread over
    /// rows of about 600 bytes each. Kept in CSV, as the synthetic reports are.
    func longText(_ kind: LongText, bytes: Int, oneCell: Bool) -> URL {
        let id = "long-\(String(describing: kind).lowercased())-\(oneCell ? "one" : "many")-\(bytes)"
        var csv = "indicator,measure,continues,step,responsible,result\n"
        if oneCell {
            csv += ",มาตรการ,,ขั้นตอน,สำนักปลัด,\(kind.text(bytes: bytes))\n"
        } else {
            for n in 0..<max(1, bytes / 600) {
                csv += ",มาตรการที่ \(n + 1),,ขั้นตอน,สำนักปลัด,\(kind.text(bytes: 520))\n"
            }
        }
        _ = write("Long/\(id)/iit.csv", csv)
        return write(
            "Long/\(id)/2564.yaml", dataFile(id: id, name: "องค์การบริหารส่วนตำบลตัวอย่าง", measures: "iit: {csv: iit.csv}"))
    }

    /// A data file of the sample's template: the sample's OIT checklist and signature, the
    /// given agency and measures.
    func dataFile(id: String, name: String, measures: String) -> String {
        let oit = sampleText.components(separatedBy: "\noit:")[1]
        return """
            template: ita-2564
            fiscal_year: 2564
            agency: {id: \(id), name: \(name), address: อำเภอตัวอย่าง จังหวัดตัวอย่าง}
            issuing_unit: สำนักปลัด
            signature: {lines: [สำนักปลัด, \(name)], date: 2564-03}
            measures:
              \(measures)
            oit:\(oit)
            """
    }

    /// A synthetic fiscal year of `count` agencies in one folder, of varied sizes as a real
    /// year is: every fourth agency is the sample under its own id; the others have names of
    /// their own and a measures table of 3 to 62 rows (about 10 to 30 pages with the front
    /// matter and the checklist). Their results quote three of `phrases`, chosen by the agency's
    /// number, so that, as in a real year, pages differ in the rarer letters and the Latin
    /// words they hold, and so in the characters their web fonts are cut to.
    ///
    /// With `ownCharacters`, each of those agencies' results also names a project by four
    /// capital letters no other agency's set repeats (`OWN-ABCD`), so that every page but the
    /// sample's needs web fonts of its own: the worst case of a real year.
    func nationalYear(_ count: Int, ownCharacters: Bool = false) -> URL {
        let folder = ownCharacters ? "Year\(count)-own" : "Year\(count)"
        var letterSets: [String] = []
        if ownCharacters {
            let capitals = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            outer: for a in 0..<26 {
                for b in (a + 1)..<26 {
                    for c in (b + 1)..<26 {
                        for d in (c + 1)..<26 {
                            letterSets.append(String([capitals[a], capitals[b], capitals[c], capitals[d]]))
                            if letterSets.count > count { break outer }
                        }
                    }
                }
            }
        }
        let places = [
            "บ้านใหม่", "หนองบัว", "ท่าช้าง", "วังน้ำเย็น", "ดอนตูม", "บางระจัน", "โพธิ์ทอง", "ห้วยขวาง", "นาดี", "คลองหลวง",
            "เชียงคาน", "แม่สาย", "ปากเกร็ด", "บึงกาฬ", "สามโคก", "ลำลูกกา", "ศรีสำโรง", "ทุ่งเสลี่ยม", "กงไกรลาศ", "พรหมพิราม",
        ]
        let kinds = ["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง"]
        let step =
            "-กำหนดให้หน่วยงานเจ้าของข้อมูลตรวจสอบข้อมูลให้ครบถ้วนถูกต้องก่อนนำส่งข้อมูลให้เจ้าหน้าที่ดูแลเว็บไซต์"
        let result =
            "- มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการ และระหว่างหัวหน้าส่วนราชการกับข้าราชการ ลูกจ้างและพนักงานจ้างในสังกัด เป็นประจำทุกเดือน"
        let phrases = [
            "ปรากฏผลตามกฎหมาย", "พัฒนาคุณภาพชีวิตผู้สูงอายุ", "ฐานข้อมูลสารสนเทศ", "ณ มณฑลพิธี", "ฤดูฝนและฤดูแล้ง",
            "ระฆังและฆ้องวง", "ฌาปนกิจสงเคราะห์", "ศาลาจุฬาภรณ์", "ศูนย์ฯ ดำเนินการ", "ฉะเชิงเทราและแม่ฮ่องสอน",
            "เว็บไซต์ www.example.go.th", "ระบบ e-Service", "จัดซื้อผ่านระบบ e-GP", "ช่องทาง Facebook และ LINE",
            "ร้อยละ 80 ของเป้าหมาย", "อบรม (Workshop) และ Q&A", "ถนนคอนกรีตเสริมเหล็ก", "อุทัยธานีและฃวด",
            "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๑-๒๕๖๕)", "ประชาคมหมู่บ้าน/ชุมชน",
        ]
        for n in 1...count {
            let id = String(format: "agency-%05d", n)
            let quoted = [n, n / phrases.count, n / (phrases.count * phrases.count)].map {
                phrases[$0 % phrases.count]
            }
            if n % 4 == 0 {
                _ = write(
                    "\(folder)/\(id)/2564.yaml",
                    sampleText.replacingOccurrences(of: "id: singburi-pao", with: "id: \(id)"))
                continue
            }
            let name = kinds[n % kinds.count] + places[n % places.count] + places[(n / places.count) % places.count]
            var csv = "indicator,measure,continues,step,responsible,result\n"
            for row in 1...(3 + (n * 37) % 60) {
                var said = row <= quoted.count ? " " + quoted[row - 1] : ""
                if row == 1 && ownCharacters { said += " โครงการ OWN-\(letterSets[n % letterSets.count])" }
                csv += ",มาตรการที่ \(row) ของ\(name),,\(step),สำนักปลัด/ ทุกส่วนราชการ,\"\(result)\(said) ครั้งที่ \(row)\"\n"
            }
            _ = write("\(folder)/\(id)/iit.csv", csv)
            _ = write("\(folder)/\(id)/2564.yaml", dataFile(id: id, name: name, measures: "iit: {csv: iit.csv}"))
        }
        return root.appendingPathComponent(folder)
    }
}
