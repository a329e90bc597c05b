import QuorumEvaluation

/// The frame every page shares: title, the path back to the runs list, the stylesheet and the
/// page's scripts, all served from `/assets/` (the view loads nothing from the network).
struct ViewPage {
    var title: String
    /// HTML.
    var body: String
    /// Links above the title, outermost first: (label, address); an empty address is the page itself.
    var trail: [(String, String)] = []
    /// Asset names under `/assets/`.
    var scripts: [String] = []

    func rendered() -> String {
        let crumbs = ([("Runs", "/")] + trail).map { label, address in
            address.isEmpty ? HTMLText.escape(label) : "<a href=\"\(HTMLText.escape(address))\">\(HTMLText.escape(label))</a>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title)) · Quorum view</title>
            <link rel="icon" type="image/svg+xml" href="/assets/icon.svg">
            <link rel="stylesheet" href="/assets/view.css">
            </head>
            <body>
            <nav class="top"><b>Quorum view</b> \(crumbs.joined(separator: " › "))</nav>
            <main>
            \(body)
            </main>
            \(scripts.map { "<script src=\"/assets/\($0)\"></script>" }.joined(separator: "\n"))
            </body>
            </html>
            """
    }
}
