/// The site's icon: a page with a check mark, in the link colour. Written to the assets, so a
/// browser asking for the icon finds one.
enum Favicon {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="5" y="2" width="22" height="28" rx="3" fill="#0645ad"/><path d="M10 17l4 4 8-9" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>

        """
}
