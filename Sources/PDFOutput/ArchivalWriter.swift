import Foundation
import PageIR

/// The PDF post-writer: reads the file Cairo drew and writes it anew as one sound file with what
/// Cairo 1.16 cannot write — link annotations that go to their pages, the structure tree
/// (tagged PDF, PDF/UA-1), the document language, XMP metadata and an sRGB output intent
/// (PDF/A-2b), and a file identifier. It rewrites every object (renumbered in the order they
/// are reached from the catalog, so objects Cairo left unused or broken are dropped),
/// edits only the page content streams, where artifacts get their `/Artifact` mark, and
/// deflates every stream Cairo left plain (`CairoPlainStreams`). The same
/// input gives the same bytes: dates come from the report, the identifier from the content.
struct ArchivalWriter {
    struct Options {
        var metadata: DocumentMetadata
        var producer: String
        /// Write the structure tree and mark the file PDF/UA-1.
        var tagged: Bool
        var language = "th-TH"
    }

    /// The trailer of Cairo's file.
    let trailer: PDFDict
    /// Each page's links.
    let pages: [PageLinks]
    /// The structure elements, made while the pages were drawn; nil: the file is not tagged.
    let structure: StructureElements?
    /// Each page's text stream, drawn after Cairo's content, and the fonts it shows (`TR0`,
    /// `TR1`, … in every page's resources).
    private let texts: PageTexts
    private let fonts: [EmbeddedFont]

    /// The pages' text streams, deflated, one after another in `bytes`: each page's range (nil:
    /// the page has no text).
    struct PageTexts {
        var bytes = SpillingBuffer()
        var pages: [Range<Int>?] = []
    }
    let options: Options
    /// New and changed objects by (old or new) number; the rest come from the parser.
    private let objects: PDFObjects
    private var nextNumber: Int

    init(
        cairoFile file: CairoFile, pages: [PageLinks], structure: StructureElements?, texts: PageTexts = .init(),
        fonts: [EmbeddedFont] = [], options: Options
    ) throws {
        let parser = try PDFParser(file)
        trailer = parser.trailer
        self.pages = pages
        self.structure = options.tagged ? structure : nil
        self.texts = texts
        self.fonts = fonts
        self.options = options
        objects = PDFObjects(parser)
        nextNumber = objects.maxNumber + 1
    }

    mutating func add(_ value: PDFValue, stream: [UInt8]? = nil) -> PDFValue {
        let number = nextNumber
        nextNumber += 1
        objects[number] = PDFParser.Object(value: value, stream: stream)
        return .ref(number)
    }

    private func dict(_ ref: PDFValue?) -> PDFDict? { ref?.ref.flatMap { objects[$0]?.value.dict } }

    /// Page object numbers in order, from the page tree.
    func pageNumbers(_ node: Int) -> [Int] {
        guard let value = objects[node]?.value.dict else { return [] }
        if value["Type"]?.nameValue == "Page" { return [node] }
        return (value["Kids"]?.array ?? []).compactMap(\.ref).flatMap(pageNumbers)
    }

    /// The final file, handed to `output` as it is written.
    mutating func write(to output: FinalFileOutput) throws {
        guard let rootRef = trailer["Root"]?.ref, var catalog = objects[rootRef]?.value.dict,
            let pagesRef = catalog["Pages"]?.ref
        else {
            throw PDFParser.Failure.malformed("no catalog or page tree", offset: 0)
        }
        let pageRefs = pageNumbers(pagesRef)
        guard pageRefs.count == pages.count else {
            throw PDFParser.Failure.malformed("\(pageRefs.count) pages where \(pages.count) were drawn", offset: 0)
        }
        // A tagged file's structure names every page drawn.
        if options.tagged, structure?.contentOwners.count != pages.count {
            throw PDFParser.Failure.malformed(
                "a structure of \(structure?.contentOwners.count ?? 0) pages where \(pages.count) were drawn", offset: 0
            )
        }
        if options.tagged { try markArtifacts(pageRefs.map { objects[$0]?.value.dict?["Contents"] }) }
        try addTexts(pageRefs: pageRefs)
        var annotations: [(ref: PDFValue, page: Int)] = []
        for (index, number) in pageRefs.enumerated() {
            guard var page = objects[number]?.value.dict else { continue }
            var annots = page["Annots"]?.array ?? []
            for link in pages[index].links {
                let ref = add(.dict(annotation(link, page: index, pageRefs: pageRefs, structParent: annotations.count)))
                annots.append(ref)
                annotations.append((ref, index))
            }
            page["Annots"] = annots.isEmpty ? nil : .array(annots)
            page["Tabs"] = .name("S")
            // Cairo gives every page a transparency group; nothing on the pages is transparent
            // (Cairo's only graphics state sets full opacity), so the page needs none.
            if page["Group"]?.dict?["S"]?.nameValue == "Transparency"
                || dict(page["Group"])?["S"]?.nameValue == "Transparency"
            {
                page["Group"] = nil
            }
            page["StructParents"] = options.tagged ? .int(index) : nil
            objects[number]?.value = .dict(page)
        }
        for key in ["StructTreeRoot", "MarkInfo", "Metadata", "OutputIntents", "Lang", "ViewerPreferences"] {
            catalog[key] = nil
        }
        // Everything of Cairo's file that the final file holds is read now (the catalog as
        // it will be reaches it all), and the file is let go before the structure tree is made.
        objects.detach(keeping: .dict(catalog))
        // An object whose bytes could not be read back is not written as missing.
        if let failure = objects.readFailure { throw failure }
        try deflatePlainStreams()
        catalog["Lang"] = .text(options.language)
        catalog["ViewerPreferences"] = .dict(PDFDict([("DisplayDocTitle", .bool(true))]))
        if let structure {
            catalog["MarkInfo"] = .dict(PDFDict([("Marked", .bool(true))]))
            catalog["StructTreeRoot"] = structTreeRoot(
                structure, pageRefs: pageRefs, annotations: annotations.map(\.ref))
        }
        let xmp = XMPPacket.make(options.metadata, producer: options.producer, tagged: options.tagged)
        catalog["Metadata"] = add(
            .dict(PDFDict([("Type", .name("Metadata")), ("Subtype", .name("XML"))])), stream: xmp)
        var profileDict = PDFDict([("N", .int(3))])
        if SRGBProfile.deflated != nil { profileDict["Filter"] = .name("FlateDecode") }
        let profile = add(.dict(profileDict), stream: SRGBProfile.deflated ?? SRGBProfile.bytes)
        catalog["OutputIntents"] = .array([
            .dict(
                PDFDict([
                    ("Type", .name("OutputIntent")), ("S", .name("GTS_PDFA1")),
                    ("OutputConditionIdentifier", .text("sRGB IEC61966-2.1")), ("Info", .text("sRGB IEC61966-2.1")),
                    ("DestOutputProfile", profile),
                ]))
        ])
        objects[rootRef]?.value = .dict(catalog)
        let info = add(.dict(infoDictionary()))
        try PDFFileWriter.write(objects: objects, root: .ref(rootRef), info: info, to: output)
    }

    /// Adds each page's text stream after Cairo's content (a `q` before Cairo's, which the text
    /// stream closes first: see `PageText`) and the fonts it shows to the page's resources.
    private mutating func addTexts(pageRefs: [Int]) throws {
        guard texts.pages.contains(where: { $0 != nil }) else { return }
        guard texts.pages.count == pageRefs.count else {
            throw PDFParser.Failure.malformed(
                "\(pageRefs.count) pages where \(texts.pages.count) were written", offset: 0)
        }
        let fontRefs = fonts.map { add($0) }
        let fontEntries = fontRefs.enumerated().map { ("TR\($0.offset)", $0.element) }
        let save = add(.dict(PDFDict([])), stream: Array("q\n".utf8))
        // Each page's text stream is read from the buffer (on disk for a long document) only
        // when the file writer writes it.
        let first = nextNumber
        nextNumber += pageRefs.count
        let texts = self.texts
        objects.provide(first..<nextNumber, reaches: { _ in [] }) { number in
            guard let range = texts.pages[number - first] else {
                throw PDFParser.Failure.malformed("page \(number - first + 1) has no text stream", offset: 0)
            }
            return PDFParser.Object(
                value: .dict(PDFDict([("Filter", .name("FlateDecode"))])), stream: Array(try texts.bytes.read(range)))
        }
        for (index, number) in pageRefs.enumerated() {
            guard texts.pages[index] != nil, var page = objects[number]?.value.dict else { continue }
            let textRef = PDFValue.ref(first + index)
            let cairos = page["Contents"].map { $0.array ?? [$0] } ?? []
            page["Contents"] = .array([save] + cairos + [textRef])
            // The resources, where they are: in the page or an object of their own, and the
            // font dictionary likewise.
            var resources = page["Resources"].flatMap { dict($0) ?? $0.dict } ?? PDFDict([])
            var pageFonts = resources["Font"].flatMap { dict($0) ?? $0.dict } ?? PDFDict([])
            for (name, ref) in fontEntries { pageFonts[name] = ref }
            if let fontsRef = resources["Font"]?.ref {
                objects[fontsRef]?.value = .dict(pageFonts)
            } else {
                resources["Font"] = .dict(pageFonts)
            }
            if let resourcesRef = page["Resources"]?.ref {
                objects[resourcesRef]?.value = .dict(resources)
            } else {
                page["Resources"] = .dict(resources)
            }
            objects[number]?.value = .dict(page)
        }
    }

    /// The objects of `font` (ISO 32000 9.7.4, 9.8, 9.10.3); returns the Type 0 font. (`StemV`,
    /// which a TrueType font does not give, is 80, as Cairo wrote it.)
    private mutating func add(_ font: EmbeddedFont) -> PDFValue {
        let program = add(
            .dict(PDFDict([("Length1", .int(font.programLength)), ("Filter", .name("FlateDecode"))])),
            stream: font.program)
        let descriptor = add(
            .dict(
                PDFDict([
                    ("Type", .name("FontDescriptor")), ("FontName", .name(font.name)), ("Flags", .int(4)),
                    ("FontBBox", .array(font.box.map { .int($0) })), ("ItalicAngle", .int(0)),
                    ("Ascent", .int(font.ascent)), ("Descent", .int(font.descent)), ("CapHeight", .int(font.capHeight)),
                    ("StemV", .int(80)), ("FontFile2", program),
                ])))
        let descendant = add(
            .dict(
                PDFDict([
                    ("Type", .name("Font")), ("Subtype", .name("CIDFontType2")), ("BaseFont", .name(font.name)),
                    (
                        "CIDSystemInfo",
                        .dict(
                            PDFDict([
                                ("Registry", .string(Array("Adobe".utf8))),
                                ("Ordering", .string(Array("Identity".utf8))),
                                ("Supplement", .int(0)),
                            ]))
                    ),
                    ("FontDescriptor", descriptor), ("W", .array([.int(1), .array(font.widths.map(PDFValue.number))])),
                    ("CIDToGIDMap", .name("Identity")),
                ])))
        let toUnicode = add(.dict(PDFDict([("Filter", .name("FlateDecode"))])), stream: font.toUnicode)
        return add(
            .dict(
                PDFDict([
                    ("Type", .name("Font")), ("Subtype", .name("Type0")), ("BaseFont", .name(font.name)),
                    ("Encoding", .name("Identity-H")), ("DescendantFonts", .array([descendant])),
                    ("ToUnicode", toUnicode),
                ])))
    }

    /// A link annotation that goes to its page (ISO 32000 12.5.6.5), printable (PDF/A), with its
    /// text as alternate description (PDF/UA).
    func annotation(_ mark: LinkMark, page: Int, pageRefs: [Int], structParent: Int) -> PDFDict {
        let height = pageHeight(pageRefs[page])
        let link = mark.link
        let target = min(max(link.targetPage, 0), pageRefs.count - 1)
        var annotation = PDFDict([
            ("Type", .name("Annot")), ("Subtype", .name("Link")),
            (
                "Rect",
                .array([
                    .number(link.x), .number(height - link.y - link.height),
                    .number(link.x + link.width), .number(height - link.y),
                ])
            ),
            ("Border", .array([.int(0), .int(0), .int(0)])), ("F", .int(4)),
            (
                "Dest",
                .array([
                    .ref(pageRefs[target]), .name("XYZ"), .int(0),
                    .number(pageHeight(pageRefs[target]) - link.targetY), .int(0),
                ])
            ),
        ])
        if let entry = mark.path.last(where: { $0.role == .contentsEntry }), let text = pages[page].entryTexts[entry.id]
        {
            annotation["Contents"] = .text(text)
        }
        if options.tagged { annotation["StructParent"] = .int(pages.count + structParent) }
        return annotation
    }

    func pageHeight(_ number: Int) -> Double {
        guard let box = objects[number]?.value.dict?["MediaBox"]?.array, box.count == 4 else { return 841.89 }
        func double(_ v: PDFValue) -> Double {
            switch v {
            case .int(let i): return Double(i)
            case .real(let r): return Double(r) ?? 0
            default: return 0
            }
        }
        return double(box[3]) - double(box[1])
    }

    /// Rewrites `/Private << /MCID n >> BDC` (the artifacts' stand-in tag) to `/Artifact BMC` in
    /// the content streams of every page, side by side on every core (each stream is its own
    /// work; zlib is safe so), then deflated, unless Cairo deflated it and it was not edited.
    /// The streams go `pagesAtOnce` at a time (Cairo writes one a page): a long table's pages
    /// are not all held plain at once (6.5 MB of rows: 18 MB of content), only deflated.
    mutating func markArtifacts(_ contents: [PDFValue?]) throws {
        let numbers = contents.flatMap { value -> [Int] in
            value?.ref.map { [$0] } ?? value?.array?.compactMap(\.ref) ?? []
        }
        for start in stride(from: 0, to: numbers.count, by: Self.pagesAtOnce) {
            try markArtifacts(streams: numbers[start..<min(start + Self.pagesAtOnce, numbers.count)])
        }
    }

    /// Content streams edited and deflated together: enough to keep every core busy.
    static let pagesAtOnce = 64

    private mutating func markArtifacts(streams numbers: ArraySlice<Int>) throws {
        var streams: [(number: Int, object: PDFParser.Object, dict: PDFDict, data: [UInt8], deflated: Bool)] = []
        for number in numbers {
            guard let object = objects[number], let data = object.stream, let dict = object.value.dict else {
                continue
            }
            let filter = dict["Filter"]?.nameValue
            guard filter == nil || filter == "FlateDecode" else { continue }
            streams.append((number, object, dict, data, filter != nil))
        }
        let inputs = streams.map { (data: $0.data, deflated: $0.deflated) }
        let edited = try Concurrently.map(inputs.count) { i -> [UInt8]? in
            let stream = inputs[i]
            let plain = stream.deflated ? try Deflate.decompress(stream.data) : stream.data
            let edited = ContentStreamEditor.markArtifacts(plain, tag: ContentMarker.artifactTag)
            return edited == plain && stream.deflated ? nil : try Deflate.compress(edited)
        }
        for (stream, new) in zip(streams, edited) {
            guard let new else { continue }
            storeDeflated(new, as: stream.number, object: stream.object, dict: stream.dict)
        }
    }

    /// Object `number` (`object`, whose dictionary is `dict`) with `data`, deflated, as its stream.
    private func storeDeflated(_ data: [UInt8], as number: Int, object: PDFParser.Object, dict: PDFDict) {
        var object = object
        var dict = dict
        object.stream = data
        dict["Filter"] = .name("FlateDecode")
        object.value = .dict(dict)
        objects[number] = object
    }

    /// Deflates, side by side on every core, every stream of the final file that has no filter:
    /// the ToUnicode maps Cairo left plain (`CairoPlainStreams`), and its content streams when
    /// the file is not tagged (`markArtifacts` deflates them otherwise). Call it once every
    /// object of Cairo's file the final file holds is read (after `detach`), before the
    /// post-writer adds its own streams (the XMP metadata stays plain, as PDF/A advises).
    mutating func deflatePlainStreams() throws {
        var plain: [(number: Int, object: PDFParser.Object, dict: PDFDict)] = []
        for number in objects.numbersRead() {
            guard let object = objects[number], object.stream != nil, let dict = object.value.dict,
                dict["Filter"] == nil
            else { continue }
            plain.append((number, object, dict))
        }
        let inputs = plain.map { $0.object.stream ?? [] }
        // Zlib's default level, as Cairo deflated them: the maps are a few KB. (An untagged
        // file's pages come here too, rarely: level 6 takes about twice level 1's time.)
        let deflated = try Concurrently.map(inputs.count) { try Deflate.compress(inputs[$0], level: 6) }
        for (stream, data) in zip(plain, deflated) {
            storeDeflated(data, as: stream.number, object: stream.object, dict: stream.dict)
        }
    }

    /// The structure tree root, its parent tree, and the elements: numbered in the order they
    /// were made (the document first), and written from their records (`StructureElements`) as
    /// one block when the file writer comes to them (`PDFObjects.provideBlock`); each page's
    /// entry in the parent tree is made when the file writer asks for it (`PDFObjects.provide`).
    mutating func structTreeRoot(_ structure: StructureElements, pageRefs: [Int], annotations: [PDFValue])
        -> PDFValue
    {
        let rootRef = add(.null)
        let first = nextNumber
        let parentTreePages = first + structure.count
        nextNumber = parentTreePages + pages.count
        func ref(_ element: Int32) -> PDFValue { element >= 0 ? .ref(first + Int(element)) : .null }
        let owners = structure.contentOwners
        objects.provide(
            parentTreePages..<(parentTreePages + pages.count),
            reaches: { owners[$0 - parentTreePages].filter { $0 >= 0 }.map { first + Int($0) } },
            by: { PDFParser.Object(value: .array(owners[$0 - parentTreePages].map(ref)), stream: nil) })
        var nums: [PDFValue] = []
        for page in pages.indices { nums += [.int(page), .ref(parentTreePages + page)] }
        for (index, owner) in structure.annotationOwners.enumerated() {
            nums += [.int(pages.count + index), ref(owner)]
        }
        let tree = add(.dict(PDFDict([("Nums", .array(nums))])))
        objects[rootRef.ref!] = PDFParser.Object(
            value: .dict(
                PDFDict([
                    ("Type", .name("StructTreeRoot")), ("K", ref(StructureBuilder.document)), ("ParentTree", tree),
                    ("ParentTreeNextKey", .int(pages.count + annotations.count)),
                ])), stream: nil)
        objects.provideBlock(first..<(first + structure.count)) { each in
            try structure.forEach { record in
                let parent = record.parent >= 0 ? ref(record.parent) : rootRef
                let dictionary = structure.dictionary(
                    of: record, parent: parent, ref: ref, pageRefs: pageRefs, annotations: annotations)
                try each(first + Int(record.element), PDFParser.Object(value: .dict(dictionary), stream: nil))
            }
        }
        return rootRef
    }

    func infoDictionary() -> PDFDict {
        let date = PDFDate(options.metadata.date)
        return PDFDict([
            ("Title", .text(options.metadata.title)), ("Author", .text(options.metadata.author)),
            ("Subject", .text(options.metadata.subject)), ("Creator", .text("ThaiReport")),
            ("Producer", .text(options.producer)), ("CreationDate", .text(date.pdf)), ("ModDate", .text(date.pdf)),
        ])
    }
}

/// A date from the report (`2021-03` or `2021-03-01`) in the forms PDF and XMP write it.
struct PDFDate {
    let year: Int, month: Int, day: Int

    init(_ iso: String) {
        let parts = iso.split(separator: "-").map { Int($0) ?? 1 }
        year = min(max(parts.first ?? 2000, 1), 9999)
        month = parts.count > 1 ? min(max(parts[1], 1), 12) : 1
        day = parts.count > 2 ? min(max(parts[2], 1), 31) : 1
    }

    /// `D:20210301000000Z`
    var pdf: String { String(format: "D:%04d%02d%02d000000Z", year, month, day) }
    /// `2021-03-01T00:00:00Z`
    var xmp: String { String(format: "%04d-%02d-%02dT00:00:00Z", year, month, day) }
}
