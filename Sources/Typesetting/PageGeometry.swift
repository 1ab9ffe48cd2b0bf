/// Page size and margins in points.
public struct PageGeometry: Sendable, Equatable {
    public let width: Double, height: Double
    public let left: Double, right: Double, top: Double, bottom: Double
    public var contentWidth: Double { width - left - right }
    public var contentBottom: Double { height - bottom }
    public var contentHeight: Double { contentBottom - top }

    public init(width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    public static func points(mm: Double) -> Double { mm * 72 / 25.4 }
}
