import PageIR
import ReportModel
import Testing

@testable import DocumentClasses

/// The body's measured pages, numbered and handed on, are the pages a second layout gives.
@Suite struct MeasuredBodyTests {
    func layout(_ report: Report, budget: Int) throws -> (LaidOutDocument, reused: Bool) {
        let document = ITADocument(fonts: Fixtures.fonts())
        document.measuredBodyBudget = budget
        let laidOut = try document.layout(report)
        return (laidOut, document.reusedMeasuredBody)
    }

    @Test func theSamplesMeasuredBodyIsItsBody() throws {
        let (kept, reused) = try layout(Fixtures.sample, budget: 60_000)
        let (again, laidOutTwice) = try layout(Fixtures.sample, budget: 0)
        #expect(reused)
        #expect(!laidOutTwice)
        #expect(kept.pages.count == again.pages.count)
        for (index, (a, b)) in zip(kept.pages, again.pages).enumerated() { #expect(a == b, "page \(index + 1)") }
        #expect(kept == again)
    }

    /// The first body page numbered too, a report without contents or front matter (the body's
    /// structures numbered from 1), and one without a cover.
    @Test func otherFrontMattersGiveTheSameBody() throws {
        var numbered = Fixtures.sample
        numbered.style.numberFirstBodyPage = true
        var bare = Fixtures.sample
        bare.cover = nil
        bare.preface = nil
        bare.contents = nil
        var noCover = Fixtures.sample
        noCover.cover = nil
        var contentsOnly = bare
        contentsOnly.contents = Fixtures.sample.contents
        for report in [numbered, bare, noCover, contentsOnly] {
            let (kept, reused) = try layout(report, budget: 60_000)
            #expect(reused)
            #expect(try kept == layout(report, budget: 0).0)
        }
    }

    /// Reports one after another through one document, as a batch builds them (the shaper's
    /// text and the cues kept from the report before): each has the pages a fresh layout gives.
    @Test func reportsOneAfterAnotherAreTheirOwn() throws {
        let document = ITADocument(fonts: Fixtures.fonts())
        var numbered = Fixtures.sample
        numbered.style.numberFirstBodyPage = true
        var noCover = Fixtures.sample
        noCover.cover = nil
        for report in [Fixtures.sample, numbered, noCover, Fixtures.sample] {
            let laidOut = try document.layout(report)
            #expect(document.reusedMeasuredBody)
            let fresh = try layout(report, budget: 0).0
            // The pages and bookmarks; the font table of a kept document also lists the faces
            // the reports before used.
            #expect(laidOut.pages == fresh.pages)
            #expect(laidOut.outline == fresh.outline)
            #expect(laidOut.fonts.starts(with: fresh.fonts))
        }
    }

    /// A body past the budget is laid out again, and gives the same pages.
    @Test func aBodyPastTheBudgetIsLaidOutAgain() throws {
        let (small, reused) = try layout(Fixtures.sample, budget: 500)
        #expect(!reused)
        #expect(small == Fixtures.document)
    }

    @Test func renumberingShiftsEveryStructureButArtifacts() {
        var page = Page(width: 100, height: 100, label: "")
        page.items = [
            .begin(Structure(role: .table, id: 1)), .begin(Structure(role: .artifact, id: 0)), .end,
            .begin(Structure(role: .row(index: 0, isGroup: false), id: 7)), .end, .end,
        ]
        let shifted = MeasuredBody.renumbered(page, from: 41)
        let ids = shifted.items.compactMap { item -> Int? in
            if case .begin(let structure) = item { structure.id } else { nil }
        }
        #expect(ids == [41, 0, 47])
        #expect(MeasuredBody.renumbered(page, from: 1) == page)
    }
}
