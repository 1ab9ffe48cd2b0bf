import Foundation

/// The template's OIT catalog: indicators, subindicators, topics and items.
extension TemplateLoader {
    static func catalog(_ value: YAMLValue, sink: DiagnosticSink) -> [Template.Indicator]? {
        guard let list = value.sequence(sink, what: "oit_catalog") else { return nil }
        return list.compactMap { item -> Template.Indicator? in
            guard let map = item.mapping(sink, what: "indicator", allowed: ["indicator", "title", "subindicators"]),
                let number = map.required("indicator", sink)?.string(sink, what: "indicator"),
                let title = map.required("title", sink)?.string(sink, what: "indicator title"),
                let subs = map.required("subindicators", sink)?.sequence(sink, what: "subindicators")
            else { return nil }
            let subindicators = subs.compactMap { sub -> Template.Subindicator? in
                guard let s = sub.mapping(sink, what: "subindicator", allowed: ["number", "title", "label", "topics"]),
                    let number = s.required("number", sink)?.string(sink, what: "subindicator number"),
                    let title = s.required("title", sink)?.text(sink, what: "subindicator title"),
                    let topics = s.required("topics", sink)?.sequence(sink, what: "topics")
                else { return nil }
                let parsedTopics = topics.compactMap { topic -> Template.Topic? in
                    guard let t = topic.mapping(sink, what: "topic", allowed: ["title", "items"]),
                        let title = t.required("title", sink)?.text(sink, what: "topic title"),
                        let items = t.required("items", sink)?.sequence(sink, what: "items")
                    else { return nil }
                    return Template.Topic(title: title, items: items.compactMap { catalogItem($0, sink: sink) })
                }
                return Template.Subindicator(
                    number: number, title: title,
                    label: s.optional("label")?.text(sink, what: "label"), topics: parsedTopics)
            }
            return Template.Indicator(number: number, title: title, subindicators: subindicators)
        }
    }

    static func catalogItem(_ value: YAMLValue, sink: DiagnosticSink) -> Template.CatalogItem? {
        guard
            let map = value.mapping(
                sink, what: "item", allowed: ["code", "key", "role", "continues", "title", "intro", "elements"]),
            let code = map.required("code", sink)?.string(sink, what: "code"),
            let key = map.required("key", sink)?.string(sink, what: "key"),
            let title = map.required("title", sink)?.text(sink, what: "item title")
        else { return nil }
        if !AgencyID.isValid(key) {
            sink.error(
                map.required("key", sink)!.location, thai: "key '\(key)' ใช้ได้เฉพาะ a-z 0-9 และ -",
                english: "key '\(key)' may use only a-z, 0-9 and '-'")
        }
        var role: DataSchema.CatalogRole?
        if let value = map.optional("role"), let raw = value.string(sink, what: "role") {
            role = DataSchema.CatalogRole(rawValue: raw)
            if role == nil {
                let known = DataSchema.CatalogRole.allCases.map(\.rawValue).joined(separator: ", ")
                sink.error(
                    value.location, thai: "ไม่รู้จักบทบาท '\(raw)' (ที่มี: \(known))",
                    english: "unknown role '\(raw)' (known: \(known))")
            }
        }
        if !OITCode.isValid(code) {
            sink.error(
                map.required("code", sink)!.location, thai: "รหัส '\(code)' ต้องอยู่ในรูป O ตามด้วยตัวเลข เช่น O1",
                english: "code '\(code)' must be O followed by a number, e.g. O1")
        }
        return Template.CatalogItem(
            code: code, key: key, role: role,
            continues: map.optional("continues")?.strings(sink, what: "continues") ?? [key], title: title,
            intro: map.optional("intro")?.text(sink, what: "intro"),
            elements: map.optional("elements")?.texts(sink, what: "elements") ?? [], location: value.location)
    }
}

/// OIT item codes: a Latin `O` and a number, `O1` … `O43`.
public enum OITCode {
    public static func isValid(_ code: String) -> Bool {
        guard code.first == "O", code.count >= 2 else { return false }
        return code.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }
}
