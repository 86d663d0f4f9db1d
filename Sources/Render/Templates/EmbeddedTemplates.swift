/// The templates compiled into the binary, by name (file name without
/// `.mustache`): the files of `templates/` (linked from `Sources/Render/Resources/templates`), which
/// SwiftPM embeds as byte arrays (`.embedInCode` in Package.swift, read
/// here as `PackageResources`). A new template file needs its row here;
/// RenderTests fails until every file has one.
enum EmbeddedTemplates {
    static let all: [String: String] = [
        "action.html": PackageResources.action_html_mustache,
        "action.md": PackageResources.action_md_mustache,
        "chart-styles.html": PackageResources.chart_styles_html_mustache,
        "index.html": PackageResources.index_html_mustache,
        "index.md": PackageResources.index_md_mustache,
        "report.html": PackageResources.report_html_mustache,
        "report.md": PackageResources.report_md_mustache,
        "step.html": PackageResources.step_html_mustache,
        "step.md": PackageResources.step_md_mustache,
        "styles.html": PackageResources.styles_html_mustache,
        "turn.html": PackageResources.turn_html_mustache,
        "turn.md": PackageResources.turn_md_mustache,
        "visualization.html": PackageResources.visualization_html_mustache,
        "visualization.md": PackageResources.visualization_md_mustache,
    ].mapValues { String(decoding: $0, as: UTF8.self) }
}
