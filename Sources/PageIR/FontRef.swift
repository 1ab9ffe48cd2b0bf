/// A font as resolved by layout: the file, the face in it and the size. Exporters load the
/// face from the file themselves, so the page IR can be drawn without the layout's font system.
public struct FontRef: Sendable, Hashable {
    /// Path of the font file.
    public var path: String
    /// Face index within the file (0 for a single-face file).
    public var faceIndex: Int
    /// Size in points: the em square is `size` points wide.
    public var size: Double

    public init(path: String, faceIndex: Int, size: Double) {
        self.path = path
        self.faceIndex = faceIndex
        self.size = size
    }

    /// The file's name without its folder, as text dumps print it.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
}
