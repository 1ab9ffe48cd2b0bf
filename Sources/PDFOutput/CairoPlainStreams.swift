import Foundation

/// Asks Cairo to leave its content streams plain (not deflated).
///
/// Cairo 1.16 deflates every page's content at zlib's default level as it writes it; the
/// post-writer then inflates each page to mark its artifacts and deflates it again, so Cairo's
/// deflating was thrown away: about 6 % of a batch's instructions. Cairo has no call for this;
/// it leaves content streams and ToUnicode maps plain when `CAIRO_DEBUG_PDF` is in the
/// environment, which it reads as each PDF surface is made (its only effect in 1.16; later
/// versions also write no object streams then, which the post-writer reads as well). The
/// post-writer deflates every stream Cairo left plain (`ArchivalWriter.deflatePlainStreams`),
/// so the final file has no plain stream but the XMP metadata whether the variable is set, not
/// set, or ignored by another Cairo.
///
/// `setenv` is not safe while another thread reads the environment, so the command line calls
/// `request()` first thing, before any thread starts; `PDFStream` calls it again before making
/// a surface, which then changes nothing. For other callers of the library (the tests) that
/// first call may come while threads run: it is the process's only `setenv`, and glibc adds the
/// first variable in a new copy of the environment, leaving the one other threads may be
/// reading in place. A value the user set is kept.
public enum CairoPlainStreams {
    private static let requested: Void = { setenv("CAIRO_DEBUG_PDF", "1", 0) }()

    public static func request() { _ = requested }
}
