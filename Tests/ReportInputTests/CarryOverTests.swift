import Foundation
import ReportInput
import TestSupport
import Testing

/// The sample carried from 2564 to 2565 to 2566 through the real templates, the mapping of the
/// OIT items asserted item by item, the written files read back.
@Suite(.serialized) struct CarryOverTests {
    /// A scratch copy of the sample's folder and every bundled template.
    static func scratch() throws -> (ScratchDirectory, URL) {
        let scratch = ScratchDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.templates.path) {
            try FileManager.default.copyItem(
                at: Repo.templates.appendingPathComponent(name),
                to: scratch.url.appendingPathComponent("Templates").appendingPathComponent(name))
        }
        let data = scratch.write("Samples/singburi-pao/2564.yaml", try String(contentsOf: Repo.sample, encoding: .utf8))
        return (scratch, data)
    }

    static func create(_ url: URL, _ data: Data) throws -> Bool {
        guard !FileManager.default.fileExists(atPath: url.path) else { return false }
        try data.write(to: url)
        return true
    }

    static func carry(_ file: URL, to year: Int, root: URL) throws -> (URL, CarryOver.Summary) {
        try CarryOver.write(from: file, year: year, templateID: nil, templatesRoot: root, create: create)
    }

    static func codes(_ range: ClosedRange<Int>, except: Set<Int> = []) -> [String] {
        range.filter { !except.contains($0) }.map { "O\($0)" }
    }

    @Test func from2564To2565To2566() throws {
        let (scratch, data) = try Self.scratch()
        let root = scratch.url.appendingPathComponent("Templates")

        // 2564 → 2565: same numbering; O34 became the No Gift Policy, O36 and O37 renamed.
        let (file65, summary65) = try Self.carry(data, to: 2565, root: root)
        #expect(file65.lastPathComponent == "2565.yaml")
        #expect(summary65.mapped.map(\.code) == Self.codes(1...43, except: [34, 36, 37]))
        #expect(summary65.mapped.allSatisfy { $0.from == [$0.code] })
        #expect(
            summary65.changed.map { "\($0.code)←\($0.from.joined(separator: "+"))" } == [
                "O34←O34", "O36←O36", "O37←O37",
            ])
        #expect(summary65.added.isEmpty && summary65.dropped.isEmpty)
        #expect(
            summary65.carried == [
                "agency", "issuing_unit", "signature", "measures.eit", "measures.iit", "measures.oit-measures",
            ])

        let loaded65 = try ReportLoader.load(dataFile: file65)
        #expect(loaded65.warnings.isEmpty, "\(loaded65.warnings)")
        #expect(loaded65.report.preface?.signature?.dateText == "มีนาคม ๒๕๖๕")
        let text65 = try String(contentsOf: file65, encoding: .utf8)
        #expect(text65.contains("# ทบทวน: นโยบายไม่รับของขวัญ (No Gift Policy) เปลี่ยนจาก O34 เจตจำนงสุจริตของผู้บริหาร ในปี 2564"))
        // The measures carried, their results left to fill in.
        #expect(text65.contains("result: \"\"") && !text65.contains("มีการจัดทำบันทึกข้อตกลง"))

        // 2565 → 2566: renumbered; merged, renamed, new and dropped items.
        let (file66, summary66) = try Self.carry(file65, to: 2566, root: root)
        let mapped = summary66.mapped.map { "\($0.code)←\($0.from.joined(separator: "+"))" }
        #expect(
            mapped == [
                "O1←O1", "O2←O2", "O3←O3", "O4←O4", "O5←O5", "O6←O6", "O7←O7", "O8←O8", "O9←O9", "O14←O13",
                "O15←O14", "O16←O15", "O17←O16", "O18←O17", "O19←O21", "O20←O22", "O21←O23", "O25←O27", "O28←O30",
                "O29←O31", "O30←O33", "O34←O36", "O35←O37", "O36←O39", "O38←O41", "O42←O42", "O43←O43",
            ])
        let changed = summary66.changed.map { "\($0.code)←\($0.from.joined(separator: "+"))" }
        #expect(
            changed == [
                "O11←O10+O18", "O12←O11+O19", "O13←O12+O20", "O22←O24", "O23←O25", "O24←O26", "O26←O28", "O27←O29",
                "O31←O34", "O37←O40", "O40←O38",
            ])
        #expect(summary66.added.map { String($0.prefix { $0 != " " }) } == ["O10", "O32", "O33", "O39", "O41"])
        #expect(summary66.dropped == ["O32 ช่องทางการรับฟังความคิดเห็น", "O35 การมีส่วนร่วม ของผู้บริหาร"])
        // Every item of 2566 is accounted for once.
        #expect(
            Set(
                summary66.mapped.map(\.code) + summary66.changed.map(\.code)
                    + summary66.added.map { String($0.prefix { $0 != " " }) }) == Set(Self.codes(1...43)))
        #expect(summary66.mapped.count + summary66.changed.count + summary66.added.count == 43)

        // It passes check with a warning for each new item only: its responsible unit.
        let loaded66 = try ReportLoader.load(dataFile: file66)
        #expect(
            loaded66.warnings.map(\.english).sorted()
                == ["O10", "O32", "O33", "O39", "O41"].map {
                    "\($0): no responsible unit given yet"
                }.sorted())

        // Never overwritten.
        #expect(throws: DataFileWriter.Exists.self) { try Self.carry(file65, to: 2566, root: root) }
    }
}
