namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// The inputs the fuzz test draws from: text that has broken parsers, databases and encoders before
/// (NUL, lone surrogates, non-characters, bidirectional controls, combining marks), lengths around
/// every documented limit, and numbers, dates, ids and media types just beside the valid ones.
/// </summary>
internal static class FuzzValues
{
    public static readonly string[] Strings =
    [
        "", " ", "   ", "a", "\0", "a\0b", "\0\0\0",
        "\uD800", "\uDFFF", "a\uD800b", "\uDC00\uD800", "x\uD83D", // lone surrogates and a pair in the wrong order
        "\uFFFE", "\uFFFF", "a\uFFFFb", "\uFDD0", "\uFEFF", "\uFEFFname",
        "\u202Eevil\u202C", "\u200F", "\u200E", "\u2066isolate\u2069", "שלום עולם", "مرحبا",
        "e\u0301", "\u0301", "a" + new string('\u0301', 200), "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359",
        "\u200B", "\u00A0", "\u3000", "\t", "\r\n", "\n", "\r", "line\u2028break", "\u0085",
        "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "\U0001F600\U0001F600", "字", "Ｃ＃", "ı", "İ", "ß", "ﬁ", "Σίσυφος", "ǅ",
        "null", "true", "0", "-1", "NaN", "undefined", "[]", "{}", "\"", "\\", "'", "`",
        "<script>alert(1)</script>", "'; drop table pocs; --", "%00", "%", "%zz", "../../etc/passwd", "..\\..\\win.ini",
        "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "*", "?", "#", "&", "=", "+", ",", ";", "a,b", ",,,", " , ", "-", "--", "_",
        "https://github.com/npgsql/npgsql", "https://github.com/", "javascript:alert(1)", "http://127.0.0.1:1/", "//evil.example",
        "c#", "C#", "csharp", "c++", "asp.net", "Machine Learning", "MACHINE-LEARNING",
        "2026-01-10", "2026-02-30", "0001-01-01", "9999-12-31", "2026-01-10T00:00:00Z",
        "00000000-0000-0000-0000-000000000000", "not-a-guid",
    ];

    /// <summary>Lengths around the limits the docs name (40, 100, 200, 254, 500, 10,000, 50,000, 1 MiB of UTF-16 units).</summary>
    public static readonly int[] Lengths =
        [1, 2, 3, 39, 40, 41, 63, 64, 65, 99, 100, 101, 199, 200, 201, 254, 255, 256, 257, 499, 500, 501, 1000, 1001, 4096, 9999, 10000, 10001, 49999, 50000, 50001];

    public const int HugeLength = 1_048_577;

    /// <summary>What long text is made of: one UTF-8 byte, two, three, a surrogate pair, a combining mark, a NUL.</summary>
    public static readonly string[] Fillers = ["a", "é", "字", "😀", "\u0301", "\0", " "];

    public static readonly string[] Integers =
        ["0", "1", "-1", "2", "19", "20", "21", "50", "99", "100", "101", "1000", "2147483647", "2147483648", "-2147483648", "-2147483649",
         "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1.5", "1e3", "1e999", "-0", "0x10", "01", " 1", "1 ", "+1", "NaN", "Infinity", "", "abc"];

    /// <summary>JSON number tokens: valid JSON, out of range or of the wrong kind for the field.</summary>
    public static readonly string[] JsonNumbers =
        ["0", "1", "-1", "20", "21", "100", "101", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e3", "1.5", "1e999", "-0", "99999999999999999999999", "1E-400"];

    public static readonly string[] Booleans = ["true", "false", "True", "FALSE", "1", "0", "yes", "", "null", "tru"];

    public static readonly string[] Dates =
        ["2026-01-10", "2026-01-10T12:00:00Z", "2026-01-10T12:00:00+14:00", "2026-01-10T12:00:00-12:00", "2026-01-10T12:00:00.1234567Z",
         "0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59.9999999Z", "10000-01-01", "2026-02-30", "2026-13-01",
         "2026-00-10", "1970-01-01T00:00:00Z", "-0001-01-01", "2026-1-1", "20260110", "10/01/2026", "yesterday", "now", "", "2026-01-10T25:00:00Z",
         "2026-01-10T12:00:00+99:00", "1e10", "0"];

    /// <summary>Ids that are not ids, or are in an unusual spelling.</summary>
    public static readonly string[] GarbageIds =
        ["not-a-guid", "00000000-0000-0000-0000-00000000000g", "0", "-1", "null", "undefined", "%00", "%FF", "%ED%A0%80", "%C0%80", "..", "%2e%2e",
         "..%2f..%2fetc", "%2F", "a%00b", "%EF%BF%BF", "%E2%80%AE", "x".PadRight(300, 'x'), "{00000000-0000-0000-0000-000000000000}",
         "00000000000000000000000000000000", "😀", "%20", "'", "%22"];

    /// <summary>Percent-escapes spliced raw into a URL: invalid UTF-8, an encoded surrogate, NUL, a bare or broken escape.</summary>
    public static readonly string[] RawEscapes = ["%FF", "%FE%FF", "%ED%A0%80", "%ED%BF%BF", "%C0%80", "%C0%AF", "%F8%88%80%80%80", "%00", "%", "%zz", "%2", "+", "%2B", "%26", "%3D", "%EF%BF%BE"];

    public static readonly string[] JsonContentTypes =
        ["application/json; charset=utf-8", "application/json; charset=klingon", "application/json; charset=\"utf-8\"", "application/json; charset=UTF-8",
         "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=", "application/json; charset=\"\"",
         "application/json;;", "application/json; =", "application/json; charset=utf-8; charset=klingon", "application/problem+json",
         "application/merge-patch+json", "application/vnd.api+json; charset=klingon", "application/jsonx", "application/", "application",
         "text/json", "text/plain", "text/plain; charset=utf-8", "text/csv", "application/x-www-form-urlencoded", "multipart/form-data",
         "multipart/form-data; boundary=x", "application/octet-stream", "*/*", "application/*", "", "garbage"];

    public static readonly string[] FormContentTypes =
        ["application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=klingon", "application/x-www-form-urlencoded; charset=\"utf-8\"",
         "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=x", "multipart/form-data; boundary=\"" + new string('b', 80) + "\"",
         "application/json", "application/json; charset=klingon", "text/plain", "text/html", "", "*/*", "application/x-www-form-urlencoded;;", "garbage"];

    public static readonly string[] CsvContentTypes =
        ["text/csv; charset=utf-8", "text/csv; charset=klingon", "text/csv; charset=utf-16", "text/csv; charset=\"utf-8\"", "application/csv",
         "text/csvx", "text/plain", "application/json", "", "multipart/form-data; boundary=x"];

    public static readonly string[] AcceptLanguages =
        ["pt-BR", "en", "pt-BR,pt;q=0.9,en;q=0.8", "xx", "*", "zz-ZZ;q=abc", "i-klingon", "en-US-x-twain", ";;;", "pt-BR;q=2", new string('a', 300)];

    public static readonly string[] IfMatches = ["\"1\"", "\"2\"", "\"999999999999999999999\"", "*", "W/\"1\"", "garbage", "\"", "\"-1\"", "\"abc\"", "\"1\", \"2\"", ""];

    public static readonly string[] Accepts = ["application/json", "text/html", "application/xml", "*/*;q=garbage", "text/csv", "application/problem+json", "image/png"];

    public static readonly string[] BadMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"];

    /// <summary>Field values that pass validation, by field or parameter name, so requests also get past it.</summary>
    public static string[]? Plausible(string name) => name.ToLowerInvariant() switch
    {
        "name" or "title" or "tenantname" or "displayname" => ["Fuzz POC", "Análise de dados", "Ｃ＃ tips 😀"],
        "description" or "notes" or "content" => ["Some text.", "# Markdown\n\n* item", "var x = 1;\nreturn x;"],
        "language" => ["csharp", "c#", "python", "typescript", "go"],
        "tags" => ["fuzz", "c#,sql", "machine-learning"],
        "repositoryurl" => ["https://github.com/npgsql/npgsql", "https://github.com/dotnet/runtime.git"],
        "status" => ["idea", "in-progress", "done", "dropped", "done,idea"],
        "visibility" => ["tenant", "private"],
        "tagmode" => ["any", "all"],
        "owner" => ["me", "all"],
        "sort" => ["relevance", "newest", "oldest", "name", "updated"],
        "separator" => [",", ";"],
        "format" => ["landscape", "vertical"],
        "role" => ["member", "admin", "owner"],
        "email" => ["fuzz@example.com", "ana@demo.poctracker.dev", "bruno@demo.poctracker.dev"],
        "slug" or "tenant" => ["demo", "fuzz-tenant", "another-one"],
        "password" or "currentpassword" or "newpassword" => ["correct horse battery staple 42", "short"],
        "code" => ["123456", "000000", "abcd-efgh"],
        "source" => ["dojo room", "https://github.com/npgsql/npgsql"],
        "q" => ["postgres", "busca rápida", "c#"],
        "limit" or "wait" => ["1", "10", "50", "100"],
        "createdfrom" or "createdto" or "before" or "startedon" or "finishedon" => ["2026-01-10", "2025-01-01T00:00:00Z"],
        "async" or "twostepenabled" => ["true", "false"],
        "negotiateversion" => ["1", "0"],
        "client_id" => [CodeFlowLogin.ClientId],
        "response_type" => ["code", "token", "code id_token"],
        "scope" => [CodeFlowLogin.Scopes, "openid", "pocs"],
        "redirect_uri" or "post_logout_redirect_uri" => [CodeFlowLogin.RedirectUri, "http://127.0.0.1:9999/callback", "https://evil.example/cb"],
        "code_challenge" => ["E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"],
        "code_challenge_method" => ["S256", "plain"],
        "grant_type" => ["authorization_code", "refresh_token", "client_credentials", "password", "urn:ietf:params:oauth:grant-type:device_code"],
        "prompt" => ["login", "none", "consent"],
        "response_mode" => ["query", "form_post", "fragment"],
        "returnurl" => ["/connect/authorize?client_id=poctracker-cli", "/", "https://evil.example/", "//evil.example"],
        _ => null,
    };
}
