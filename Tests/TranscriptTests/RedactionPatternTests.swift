import Testing
@testable import Transcript

/// One row per built-in pattern case: the text, and exactly the parts the
/// pattern must find (empty: it must find nothing).
struct PatternCase: CustomTestStringConvertible, Sendable {
    var pattern: BuiltInPattern
    var text: String
    var found: [String]
    var testDescription: String { "\(pattern.rawValue): \(text.prefix(60))" }
    init(_ pattern: BuiltInPattern, _ text: String, _ found: [String]) {
        self.pattern = pattern
        self.text = text
        self.found = found
    }
}

func matches(_ p: BuiltInPattern, _ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return p.ranges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
}

@Suite("Redaction: built-in patterns") struct RedactionPatternTests {
    static let cases: [PatternCase] = [
        // E-mail addresses
        .init(.email, "ask mia.nguyen@fieldops.example now", ["mia.nguyen@fieldops.example"]),
        .init(.email, "<j.doe+alerts@corp.example.org>", ["j.doe+alerts@corp.example.org"]),
        .init(.email, "mailto:Ops-Lead@Contoso.COM.", ["Ops-Lead@Contoso.COM"]),
        .init(.email, "a@b.example, c_d@e-f.example", ["a@b.example", "c_d@e-f.example"]),
        .init(.email, "https://x.example/report?user=mia.nguyen%40fieldops.example&x=1", ["mia.nguyen%40fieldops.example"]),
        .init(.email, "ssh admin@router1 then user@10.0.0.1", []),
        .init(.email, "@mention and a@b.c and x @ y.com", []),
        // International phone numbers
        .init(.internationalPhone, "call +61 412 884 190 now", ["+61 412 884 190"]),
        .init(.internationalPhone, "+1 (425) 555-0142", ["+1 (425) 555-0142"]),
        .init(.internationalPhone, "UK: +44 20 7946 0958.", ["+44 20 7946 0958"]),
        .init(.internationalPhone, "(+61412884190)", ["+61412884190"]),
        .init(.internationalPhone, "FR +33.1.23.45.67.89", ["+33.1.23.45.67.89"]),
        .init(.internationalPhone, "+44 (0)20 7946 0958", ["+44 (0)20 7946 0958"]),
        .init(.internationalPhone, "2026-02-20T10:01:02.345678+00:00", []),
        .init(.internationalPhone, "UTC+10:00, +1.5 dB, +1048576 bytes, +1234.5678", []),
        .init(.internationalPhone, "p99+12345678901 and +12 ms", []),
        // North-American phone numbers
        .init(.northAmericanPhone, "(206) 555-0188", ["(206) 555-0188"]),
        .init(.northAmericanPhone, "desk (206)555-0188, cell 503-555-0199.", ["(206)555-0188", "503-555-0199"]),
        .init(.northAmericanPhone, "call 503.555.0199 today", ["503.555.0199"]),
        .init(.northAmericanPhone, "toll free 1-800-555-0199", ["1-800-555-0199"]),
        .init(.northAmericanPhone, "8f448893-3181-4528-ac00-c154e5422775", []),
        .init(.northAmericanPhone, "DSP-2026-00042 on 2026-02-20 at 10:01:02.345", []),
        .init(.northAmericanPhone, "192.168.100.200 and 10.123.45.6789", []),
        .init(.northAmericanPhone, "ID-503-555-0199 and 503-555-01999 and 1234-567-8901", []),
        .init(.northAmericanPhone, "47.6062, -122.3321 port 8443 v2.14.3", []),
        // JSON Web Tokens
        .init(.jsonWebToken, "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2Mtb3BzIn0.c2lnbmF0dXJl end",
              ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2Mtb3BzIn0.c2lnbmF0dXJl"]),
        .init(.jsonWebToken, "unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4eXoifQ.", ["eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4eXoifQ."]),
        .init(.jsonWebToken, "eyJhbGciOiJIUzI1NiJ9 alone, eyJ. and keyJumper.x.y", []),
        // Bearer tokens
        .init(.bearerToken, "Authorization: Bearer AbC123xYz789QwErTy456UiOp", ["AbC123xYz789QwErTy456UiOp"]),
        .init(.bearerToken, "bearer 9f8e7d6c5b4a.", ["9f8e7d6c5b4a"]),
        .init(.bearerToken, "BEARER  eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig1234", ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig1234"]),
        .init(.bearerToken, "Bearer abcdefghijklmnopqrstuv and Bearer AbcdefGhijKL", ["abcdefghijklmnopqrstuv", "AbcdefGhijKL"]),
        .init(.bearerToken, "Bearer authentication; bearer tokens are short-lived; Bearer abc123; Bearer Authorization", []),
        // GitHub tokens
        .init(.githubToken, "push with ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 ok", ["ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"]),
        .init(.githubToken, "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
              ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"]),
        .init(.githubToken, "ghs_shorttoken, xghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6, ghx_A1b2C3d4E5f6G7h8I9j0K1l2", []),
        // sk- API keys
        .init(.skAPIKey, "key sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe.", ["sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"]),
        .init(.skAPIKey, "(sk-1234567890abcdefABCDEF)", ["sk-1234567890abcdefABCDEF"]),
        .init(.skAPIKey, "sk-test-a1b2c3d4e5f6g7h8", ["sk-test-a1b2c3d4e5f6g7h8"]),
        .init(.skAPIKey, "host sk-router-sydney-core-01, task-1234567890abcdef1234, sk-short", []),
        // Connection-string secrets
        .init(.connectionStringSecret, "AccountName=noc;AccountKey=Zm9vYmFy+/Zz==;EndpointSuffix=core.windows.net", ["Zm9vYmFy+/Zz=="]),
        .init(.connectionStringSecret, "SharedAccessKeyName=Root;SharedAccessKey=c2VjcmV0=", ["c2VjcmV0="]),
        .init(.connectionStringSecret, "Server=tcp:x,1433;Password=S3cr3t!2026;Encrypt=true", ["S3cr3t!2026"]),
        .init(.connectionStringSecret, "Uid=svc;pwd=hunter2-Xyz789. Next", ["hunter2-Xyz789"]),
        .init(.connectionStringSecret, "User ID=sa;Password=\"p@ss; w0rd\";Encrypt=true", ["p@ss; w0rd"]),
        .init(.connectionStringSecret, "ResetPassword=true; Password=; AccountName=nocdiag; Pwd=<hidden>", []),
        // SAS signatures
        .init(.sasSignature, "https://a.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=k3yS1g%2Bnat%3D&se=2026",
              ["k3yS1g%2Bnat%3D"]),
        .init(.sasSignature, "?sv=1&amp;sig=abcdef12\" x", ["abcdef12"]),
        .init(.sasSignature, "config=abc123; sig=ab; signal=5; xsig=abcdefgh", []),
        // 32-hex-digit keys after key / api-key
        .init(.hexAPIKey, "api-key: 0123456789abcdef0123456789abcdef", ["0123456789abcdef0123456789abcdef"]),
        .init(.hexAPIKey, "key=\"FEDCBA9876543210FEDCBA9876543210\"", ["FEDCBA9876543210FEDCBA9876543210"]),
        .init(.hexAPIKey, "Ocp-Apim-Subscription-Key: 0123456789abcdef0123456789abcdef", ["0123456789abcdef0123456789abcdef"]),
        .init(.hexAPIKey, "use API key `0123456789ABCDEF0123456789ABCDEF` here", ["0123456789ABCDEF0123456789ABCDEF"]),
        .init(.hexAPIKey, "commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f; md5 0123456789abcdef0123456789abcdef", []),
        .init(.hexAPIKey, "key: 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f; key 8f448893-3181-4528-ac00-c154e5422775", []),
    ]

    @Test(arguments: cases)
    func patternFindsExactlyTheSensitivePart(_ c: PatternCase) {
        #expect(matches(c.pattern, c.text) == c.found)
    }

    /// The one-pass prefilter never rules out a string a pattern matches.
    @Test(arguments: cases.filter { !$0.found.isEmpty })
    func theTriggerOfEveryMatchIsSeen(_ c: PatternCase) {
        #expect(PatternTriggers(scanning: Array(c.text.utf8)).contains(c.pattern.trigger))
    }

    @Test func everyPatternHasPositiveAndNegativeRows() {
        for p in BuiltInPattern.allCases {
            #expect(Self.cases.contains { $0.pattern == p && !$0.found.isEmpty }, "\(p) has no positive row")
            #expect(Self.cases.contains { $0.pattern == p && $0.found.isEmpty }, "\(p) has no negative row")
        }
    }

    /// What looks like a number but is not personal data: no pattern at all
    /// may touch it.
    @Test(arguments: [
        "2026-02-20T10:01:02.345678+00:00", "2026-02-20 10:01:02 UTC", "latency 123 ms, p99 450ms, p50 12.5 ms",
        "step 12 of 40", "8f448893-3181-4528-ac00-c154e5422775", "DSP-2026-00042", "DSP-48213",
        "47.6062, -122.3321", "-34.77412,149.70318", "10.20.30.40:8443", "2001:db8::1", "port 8443",
        "v2.14.3", "commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f", "duration 41.3s, 4,200 tokens",
        "SENS-CBR-OPT-004", "INC482913", "+16.5 dB", "1h 50m", "fibres 13/14", "thread_8f448893",
    ])
    func ordinaryNumbersAreNeverRedacted(_ text: String) {
        for p in BuiltInPattern.allCases {
            #expect(matches(p, text).isEmpty, "\(p.rawValue) matched \(text)")
        }
    }
}
