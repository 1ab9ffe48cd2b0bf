import SiteLayout

/// Where a page's HTML goes while it is written: gathered until there are `pieceSize` bytes or
/// more, then handed on (to the page's file, or to a string) and read for the characters the
/// page's fonts must hold, so that a long report's page is never held whole (13 MB of rows make
/// a page of 47 MB). A piece is under `pieceSize` plus one append: a row, a heading, a
/// paragraph or a figure (a row with a cell of megabytes is a piece of megabytes). The writers
/// append whole markup (no tag, character or reference split between two appends), so every
/// piece handed on is whole markup too.
///
/// A failure to hand a piece on is kept, later pieces are dropped, and `finish` throws it.
final class PageOutput {
    /// Bytes gathered before they are handed on.
    static let pieceSize = 1 << 16

    private var pending = ""
    private var scanner = PageCharacters.Scanner()
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private var failure: (any Error)?

    init(_ emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.emit = emit
        pending.reserveCapacity(Self.pieceSize + 1024)
    }

    func append(_ markup: String) {
        pending += markup
        if pending.utf8.count >= Self.pieceSize { handOn() }
    }

    /// Hands on what is left; the characters each web font of the page must hold.
    func finish() throws -> [SiteLayout.FontFace: Set<Unicode.Scalar>] {
        handOn()
        if let failure { throw failure }
        return scanner.faces
    }

    private func handOn() {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        pending.withUTF8 { bytes in
            scanner.scan(bytes)
            do { try emit(UnsafeRawBufferPointer(bytes)) } catch { failure = error }
        }
    }
}
