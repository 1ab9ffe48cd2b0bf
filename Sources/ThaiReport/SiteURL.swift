import Foundation

/// The `--site-url` option: the web address the output folder is published at.
public enum SiteURL {
    /// An absolute `http` or `https` address with a host and no query, fragment, user name,
    /// white space or control character: it is printed into every page.
    public static func isValid(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty,
            url.query == nil, url.fragment == nil, url.user == nil
        else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" && $0 != "\"" }
    }
}
