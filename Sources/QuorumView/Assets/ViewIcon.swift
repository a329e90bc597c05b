/// The tab icon. Browsers ask for `/favicon.ico` on their own when a page names none, and that
/// 404 shows in the console of every page; naming this one keeps the console clean.
enum ViewIcon {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">\
        <circle cx="8" cy="8" r="7" fill="#0969da"/><circle cx="8" cy="8" r="3.5" fill="none" stroke="#fff" stroke-width="2"/>\
        <path d="M10 10l3 3" stroke="#fff" stroke-width="2"/></svg>
        """
}
