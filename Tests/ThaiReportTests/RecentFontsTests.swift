import Foundation
import Testing

@testable import ThaiReport

/// The fonts made lately are kept by font and characters; past the capacity the least recently
/// used is let go, so sets of characters used by turns all stay.
@Suite struct RecentFontsTests {
    @Test func keptUntilLeastRecentlyUsedPastTheCapacity() throws {
        let fonts = RecentFonts()
        var made: [String] = []
        func get(_ key: String) throws -> Data {
            try fonts.value(for: key) {
                made.append(key)
                return Data(key.utf8)
            }
        }
        let capacity = RecentFonts.capacity
        // Two sets used by turns, with others between: neither is made twice.
        for n in 0..<(capacity - 2) {
            #expect(try get("a") == Data("a".utf8))
            _ = try get("b")
            _ = try get("set \(n)")
        }
        #expect(made.filter { $0 == "a" || $0 == "b" }.count == 2)
        #expect(fonts.count == capacity)
        // One more: the least recently used ("set 0") goes, "a" stays.
        _ = try get("a")
        _ = try get("new")
        #expect(fonts.count == capacity)
        made.removeAll()
        _ = try get("a")
        _ = try get("set 0")
        #expect(made == ["set 0"])
    }
}
