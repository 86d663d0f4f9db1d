import ArgumentParser
import Render

/// Options of every command that writes index or report pages.
struct PageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of templates overriding the built-in ones (see templates/README.md).", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Title of the index page.", valueName: "text"))
    var title: String = "NOC investigations"

    /// The built-in templates, or those with the folder's files in their place.
    func loadTemplates() throws -> Templates {
        guard let templates else { return .embedded }
        do { return try Templates.loading(overridesFrom: templates) } catch {
            throw ValidationError("--templates \(templates): \(error)")
        }
    }
}
