/// A step's `action` (FORMAT.md §3): an object (`dispatch_field_engineer`),
/// or any other value, kept to be shown as written.
public enum StepAction: Sendable {
    case dispatch(DispatchRecord)
    case notAnObject(ShownValue)

    init(_ a: JSONValue) {
        self = a.isObject ? .dispatch(DispatchRecord(a)) : .notAnObject(ShownValue(a))
    }
}

/// An action object: `action_name`, `status`, `dispatch_id`, `dispatch_time`,
/// `engineer{name,email,phone}`, `destination{description,latitude,
/// longitude,maps_link}`, `urgency`, `sensor_ids`, `email_subject`,
/// `email_body`; or `raw_output` when the tool's output was not JSON.
public struct DispatchRecord: Sendable {
    /// As written when it is a string.
    public var actionName: String?
    public var status: ShownValue?
    public var dispatchID: ShownValue?
    public var dispatchTime: ShownValue?
    /// `engineer.name`, or the engineer itself when it is a string.
    public var engineerName: String?
    public var engineerEmail: ShownValue?
    public var engineerPhone: ShownValue?
    public var urgency: ShownValue?
    /// `destination.description`, or the destination itself when it is a string.
    public var destination: String?
    public var latitude: ShownValue?
    public var longitude: ShownValue?
    /// `destination.maps_link`, else the action's own `maps_link`.
    public var mapsLink: String?
    /// `sensor_ids`: an array, or one id.
    public var sensorIDs: [String]
    public var emailSubject: ShownValue?
    public var emailBody: ShownValue?
    public var rawOutput: ShownValue?

    init(_ a: JSONValue) {
        let engineer = a["engineer"]
        let place = a["destination"]
        actionName = a["action_name"]?.string
        status = a.shown("status")
        dispatchID = a.shown("dispatch_id")
        dispatchTime = a.shown("dispatch_time")
        engineerName = engineer?.shown("name")?.shown ?? (engineer?.isString == true ? engineer?.string : nil)
        engineerEmail = engineer?.shown("email")
        engineerPhone = engineer?.shown("phone")
        urgency = a.shown("urgency")
        destination = place?.shown("description")?.shown ?? (place?.isString == true ? place?.string : nil)
        latitude = place?.shown("latitude")
        longitude = place?.shown("longitude")
        mapsLink = place?.shown("maps_link")?.shown ?? a.shown("maps_link")?.shown
        sensorIDs = Self.sensors(a["sensor_ids"])
        emailSubject = a.shown("email_subject")
        emailBody = a.shown("email_body")
        rawOutput = a.shown("raw_output")
    }

    private static func sensors(_ list: JSONValue?) -> [String] {
        guard let list else { return [] }
        if list.isArray { return list.elements.compactMap { ShownValue($0).shown } }
        return ShownValue(list).shown.map { [$0] } ?? []
    }
}
