/// The built-in text patterns, applied to every string of a session
/// (values, object keys, the JSON inside event `data`).
public enum BuiltInPattern: String, Sendable, CaseIterable {
    case email
    case internationalPhone = "phone-international"
    case northAmericanPhone = "phone-north-american"
    case jsonWebToken = "jwt"
    case bearerToken = "bearer-token"
    case githubToken = "github-token"
    case skAPIKey = "sk-api-key"
    case connectionStringSecret = "connection-string-secret"
    case sasSignature = "sas-signature"
    case hexAPIKey = "hex-api-key"

    /// The label kind: `[redacted <kind> N]`.
    public var kind: String {
        switch self {
        case .email: return "email"
        case .internationalPhone, .northAmericanPhone: return "phone"
        case .jsonWebToken, .bearerToken, .githubToken, .skAPIKey: return "token"
        case .connectionStringSecret, .sasSignature, .hexAPIKey: return "secret"
        }
    }

    /// What the report's Redaction note calls it.
    public var summary: String {
        switch self {
        case .email: return "e-mail address"
        case .internationalPhone: return "phone number, international form (+CC …)"
        case .northAmericanPhone: return "phone number, North-American form"
        case .jsonWebToken: return "JSON Web Token"
        case .bearerToken: return "Bearer token"
        case .githubToken: return "GitHub token (ghp_…, github_pat_…)"
        case .skAPIKey: return "sk-… API key"
        case .connectionStringSecret: return "connection-string secret (AccountKey=, SharedAccessKey=, Password=, Pwd=)"
        case .sasSignature: return "SAS URL signature (sig=)"
        case .hexAPIKey: return "32-hex-digit key after key / api-key"
        }
    }

    func ranges(in s: [UInt8]) -> [Range<Int>] {
        switch self {
        case .email: return PatternScanners.emails(s)
        case .internationalPhone: return PatternScanners.internationalPhones(s)
        case .northAmericanPhone: return PatternScanners.northAmericanPhones(s)
        case .jsonWebToken: return PatternScanners.jsonWebTokens(s)
        case .bearerToken: return PatternScanners.bearerTokens(s)
        case .githubToken: return PatternScanners.githubTokens(s)
        case .skAPIKey: return PatternScanners.skAPIKeys(s)
        case .connectionStringSecret: return PatternScanners.connectionStringSecrets(s)
        case .sasSignature: return PatternScanners.sasSignatures(s)
        case .hexAPIKey: return PatternScanners.hexAPIKeys(s)
        }
    }
}
