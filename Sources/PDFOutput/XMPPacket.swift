import PageIR

/// The document's XMP metadata (ISO 16684-1) as PDF/A-2 wants it: the same title, author,
/// subject, dates and producer as the document information dictionary, the PDF/A
/// identification (part 2, conformance B) and, for a tagged file, the PDF/UA-1 identification
/// with the extension schema PDF/A requires for it.
enum XMPPacket {
    static func make(_ metadata: DocumentMetadata, producer: String, tagged: Bool) -> [UInt8] {
        let date = PDFDate(metadata.date).xmp
        let ua =
            tagged
            ? """

              <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
                <pdfuaid:part>1</pdfuaid:part>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
                <pdfaExtension:schemas>
                  <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                      <pdfaSchema:property>
                        <rdf:Seq>
                          <rdf:li rdf:parseType="Resource">
                            <pdfaProperty:name>part</pdfaProperty:name>
                            <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                            <pdfaProperty:category>internal</pdfaProperty:category>
                            <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
                          </rdf:li>
                        </rdf:Seq>
                      </pdfaSchema:property>
                    </rdf:li>
                  </rdf:Bag>
                </pdfaExtension:schemas>
              </rdf:Description>
            """ : ""
        let text = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
              <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:format>application/pdf</dc:format>
                <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escape(metadata.title))</rdf:li></rdf:Alt></dc:title>
                <dc:creator><rdf:Seq><rdf:li>\(escape(metadata.author))</rdf:li></rdf:Seq></dc:creator>
                <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escape(metadata.subject))</rdf:li></rdf:Alt></dc:description>
                <dc:language><rdf:Bag><rdf:li>th-TH</rdf:li></rdf:Bag></dc:language>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                <xmp:CreatorTool>ThaiReport</xmp:CreatorTool>
                <xmp:CreateDate>\(date)</xmp:CreateDate>
                <xmp:ModifyDate>\(date)</xmp:ModifyDate>
                <xmp:MetadataDate>\(date)</xmp:MetadataDate>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
                <pdf:Producer>\(escape(producer))</pdf:Producer>
              </rdf:Description>
              <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
                <pdfaid:part>2</pdfaid:part>
                <pdfaid:conformance>B</pdfaid:conformance>
              </rdf:Description>\(ua)
              </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
        return Array(text.utf8)
    }

    /// Text for XML character data; control characters (not allowed in XML 1.0) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
