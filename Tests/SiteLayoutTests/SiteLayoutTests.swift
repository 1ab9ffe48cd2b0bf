import Foundation
import Testing

@testable import SiteLayout

struct SiteLayoutTests {
    typealias Place = SiteLayout.Place
    let site = SiteLayout(root: URL(fileURLWithPath: "/out"))

    @Test func filesOfAYearFolder() {
        let expected: [(Place, String)] = [
            (.yearFolder(year: 2564), "2564"),
            (.yearPage(year: 2564), "2564/index.html"),
            (.reportPDF(agencyID: "singburi-pao", year: 2564), "2564/singburi-pao.pdf"),
            (.reportPage(agencyID: "singburi-pao", year: 2564), "2564/singburi-pao/index.html"),
            (.assetsFolder(year: 2564), "2564/assets"),
            (.asset(name: "Sarabun-Regular.ttf", year: 2564), "2564/assets/Sarabun-Regular.ttf"),
            (.stylesheet(year: 2564), "2564/assets/report.css"),
            (.recordsFolder(year: 2564), "2564/.reports"),
            (.record(agencyID: "singburi-pao", year: 2564), "2564/.reports/singburi-pao.json"),
        ]
        for (place, path) in expected {
            #expect(place.relativePath == path)
            #expect(site.url(place).path == "/out/" + path)
        }
    }

    @Test func linksThePagesWrite() {
        let page = Place.reportPage(agencyID: "singburi-pao", year: 2564)
        let yearPage = Place.yearPage(year: 2564)
        #expect(
            SiteLayout.link(from: page, to: .reportPDF(agencyID: "singburi-pao", year: 2564)) == "../singburi-pao.pdf")
        #expect(SiteLayout.link(from: page, to: .stylesheet(year: 2564)) == "../assets/report.css")
        #expect(SiteLayout.link(from: yearPage, to: .stylesheet(year: 2564)) == "assets/report.css")
        #expect(SiteLayout.link(from: yearPage, to: page) == "singburi-pao/index.html")
        #expect(
            SiteLayout.link(from: yearPage, to: .reportPDF(agencyID: "singburi-pao", year: 2564)) == "singburi-pao.pdf")
        #expect(
            SiteLayout.link(from: .stylesheet(year: 2564), to: .asset(name: "DejaVuSans.ttf", year: 2564))
                == "DejaVuSans.ttf")
    }

    /// Every link, followed from the folder of the page it is written in, reaches its file.
    @Test func everyLinkLeadsToItsFile() {
        var places: [Place] = []
        for year in [2564, 2565] {
            places += [
                .yearPage(year: year), .stylesheet(year: year), .asset(name: "Sarabun-Bold.ttf", year: year),
                .record(agencyID: "a", year: year),
            ]
            for id in ["a", "ban-mai", "index", "assets"] {
                places += [.reportPDF(agencyID: id, year: year), .reportPage(agencyID: id, year: year)]
            }
        }
        for page in places {
            for target in places {
                let link = SiteLayout.link(from: page, to: target)
                #expect(!link.hasPrefix("/") && !link.isEmpty)
                let reached = site.url(page).deletingLastPathComponent().appendingPathComponent(link)
                    .standardizedFileURL
                #expect(reached == site.url(target).standardizedFileURL, "\(page) → \(target): \(link)")
            }
        }
    }

    @Test func linksAcrossYearsClimbOutOfTheYearFolder() {
        #expect(
            SiteLayout.link(from: .reportPage(agencyID: "a", year: 2564), to: .yearPage(year: 2565))
                == "../../2565/index.html")
        #expect(
            SiteLayout.link(from: .yearPage(year: 2565), to: .reportPDF(agencyID: "a", year: 2564)) == "../2564/a.pdf")
    }
}
