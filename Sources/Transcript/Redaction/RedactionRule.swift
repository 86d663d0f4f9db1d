/// One redaction rule: how it finds sensitive values, and the label kind
/// that replaces them (`[redacted <kind> N]`).
public struct RedactionRule: Sendable {
    public enum Matcher: Sendable {
        /// The whole value at a key path (every string and number under it
        /// when it is an object or array).
        case keyPath(KeyPath)
        /// The whole value of any field with one of these names, compared
        /// in lower case without `_` and `-` (`client_secret` = `clientSecret`).
        case fieldNames(Set<String>)
        /// A built-in byte scanner over the text of every string.
        case pattern(BuiltInPattern)
        /// A user's regular expression over the text of every string.
        case regex(UserPattern)
    }

    /// Stable id shown in the Redaction note and the JSON (`email`, `engineer.name`, `user:…`).
    public var id: String
    /// What the rule finds, in words.
    public var summary: String
    public var kind: String
    public var matcher: Matcher

    public init(id: String, summary: String, kind: String, matcher: Matcher) {
        self.id = id
        self.summary = summary
        self.kind = kind
        self.matcher = matcher
    }

    /// The normal form of a field name for `fieldNames`.
    static func fieldKey(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }
}

/// The rules a run applies: the built-in ones, then the user's.
public struct RedactionRules: Sendable {
    public var rules: [RedactionRule]

    public init(rules: [RedactionRule]) { self.rules = rules }

    /// FORMAT.md §3: a dispatch action's `engineer{name,email,phone}`, found
    /// by key path wherever the action is (step payloads, `action_executed`,
    /// the document's `steps`, interactions, v2 `tool_call.complete`); fields
    /// named like credentials; and the text patterns.
    public static let builtIn = RedactionRules(rules: [
        RedactionRule(id: "engineer.name", summary: "field engineer's name (key path engineer.name)", kind: "name",
                      matcher: .keyPath(KeyPath(["engineer", "name"]))),
        RedactionRule(id: "engineer.email", summary: "field engineer's e-mail (key path engineer.email)", kind: "email",
                      matcher: .keyPath(KeyPath(["engineer", "email"]))),
        RedactionRule(id: "engineer.phone", summary: "field engineer's phone (key path engineer.phone)", kind: "phone",
                      matcher: .keyPath(KeyPath(["engineer", "phone"]))),
        RedactionRule(id: "credential-field", summary: "field named like a credential (password, client_secret, api_key, …)",
                      kind: "secret", matcher: .fieldNames(credentialFields)),
        RedactionRule(id: "token-field", summary: "field named like a token (token, access_token, refresh_token, …)",
                      kind: "token", matcher: .fieldNames(tokenFields)),
    ] + BuiltInPattern.allCases.map {
        RedactionRule(id: $0.rawValue, summary: $0.summary, kind: $0.kind, matcher: .pattern($0))
    })

    static let credentialFields: Set<String> = [
        "password", "passwd", "pwd", "secret", "clientsecret", "apikey", "accesskey", "secretkey",
        "accountkey", "sharedaccesskey", "privatekey", "subscriptionkey", "connectionpassword",
    ]
    static let tokenFields: Set<String> = [
        "token", "accesstoken", "refreshtoken", "authtoken", "idtoken", "bearertoken", "apitoken",
        "githubtoken", "sastoken",
    ]

    /// These rules followed by `more`.
    public func adding(_ more: [RedactionRule]) -> RedactionRules {
        RedactionRules(rules: rules + more)
    }
}
