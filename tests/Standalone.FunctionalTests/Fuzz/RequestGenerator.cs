using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// Makes the request of one case: a pure function of the seed, the case number, the target and the
/// knowns, so a seed replays the same requests. About a third of the cases are plausible but for one
/// spot (the right method, content type and token, a body that passes validation, one odd value), so
/// the odd value reaches the code behind the first checks; the others are odd anywhere and everywhere.
/// </summary>
internal sealed class RequestGenerator(FuzzKnowns known, int seed)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public FuzzRequest Generate(FuzzTarget target, int caseNumber)
    {
        var random = new Random(unchecked((seed * 1_000_003) + caseNumber));
        return new Draw(random, known, target, caseNumber).Request();
    }

    /// <summary>The choices of one case.</summary>
    private sealed class Draw(Random random, FuzzKnowns known, FuzzTarget target, int caseNumber)
    {
        private readonly List<KeyValuePair<string, string>> headers = [];
        private string caller = "anonymous";
        private bool nearlyPlausible;
        private double oddness;

        public FuzzRequest Request()
        {
            nearlyPlausible = Chance(0.35);

            // One spot in so many values: the parameters, the body's members, and the request's shape.
            var spots = target.Parameters.Count + target.FormFields.Count + 2
                + (target.BodySchema is { } schema && schema.TryGetProperty("properties", out var members) ? members.EnumerateObject().Count() : 0);
            oddness = nearlyPlausible ? 1.0 / spots : 1.0;
            var method = OddHere(0.07) ? Pick(FuzzValues.BadMethods) : target.Method;
            var pathAndQuery = Path() + Query();
            Authorization();
            Cookies();
            OtherHeaders(method);
            var (contentType, body) = Body(method);
            var traceId = Convert.ToHexStringLower(Bytes(16));
            headers.Add(new("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(Bytes(8))}-01"));
            return new FuzzRequest(caseNumber, target, method, pathAndQuery, headers, contentType, body, caller, traceId);
        }

        private bool Chance(double probability) => random.NextDouble() < probability;

        /// <summary>Whether this spot is odd: with the given chance, or in a nearly plausible case only at its one odd spot.</summary>
        private bool OddHere(double chance) => nearlyPlausible ? Chance(oddness) : Chance(chance);

        private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

        private byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private Guid NewGuid() => new(Bytes(16));

        // ---- URL ----

        private string Path()
        {
            var path = target.Template;
            foreach (var parameter in target.Parameters.Where(p => p.InPath))
            {
                var value = parameter.Name == "token" ? DownloadToken() : Id();
                path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
            }

            return Chance(0.02) ? path + Pick(["/", "//", "/.", "/%2e%2e", "/x"]) : path;
        }

        private string Id() => !OddHere(1) && known.Ids.Count > 0 ? Pick(known.Ids).ToString() : random.Next(100) switch
        {
            < 55 when known.Ids.Count > 0 => Pick(known.Ids).ToString(Pick(["D", "D", "D", "N", "B"]), CultureInfo.InvariantCulture),
            < 70 => NewGuid().ToString(),
            < 75 => Guid.Empty.ToString(),
            _ => Pick(FuzzValues.GarbageIds),
        };

        private string DownloadToken() => Chance(0.4) && known.DownloadTokens.Count > 0
            ? Mutate(Pick(known.DownloadTokens))
            : Percent(Text("token", inUrl: true));

        private string Query()
        {
            var pairs = new List<string>();
            foreach (var parameter in target.Parameters.Where(p => !p.InPath))
            {
                if (Chance(0.5))
                {
                    var times = Chance(0.1) ? 2 : 1;
                    for (var i = 0; i < times; i++)
                    {
                        pairs.Add(parameter.Name + "=" + QueryValue(parameter));
                    }
                }
            }

            if (!nearlyPlausible && Chance(0.1))
            {
                pairs.Add(Percent(Text("unknown", inUrl: true)) + "=" + Percent(Text("unknown", inUrl: true)));
            }

            if (!nearlyPlausible && Chance(0.03))
            {
                // Long enough for our 414 problem; never past Kestrel's own limit (twice ours), which has no body.
                pairs.Add("long=" + new string('q', random.Next(8_200, 9_000)));
            }

            return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
        }

        private string QueryValue(FuzzParameter parameter)
        {
            if (OddHere(0.06))
            {
                return Pick(FuzzValues.RawEscapes);
            }

            return parameter.Name switch
            {
                "cursor" => Cursor(),
                "access_token" => Chance(0.5) ? known.Owner.AccessToken : Percent(Text(parameter.Name, inUrl: true)),
                _ => Percent(Scalar(parameter.Name, parameter.Schema, inUrl: true)),
            };
        }

        private string Cursor() => random.Next(10) switch
        {
            < 4 when known.Cursors.Count > 0 => Mutate(Pick(known.Cursors)),
            < 6 => Convert.ToBase64String(Encoding.UTF8.GetBytes(Pick(["{}", "[]", "null", "{\"s\":\"newest\"}", "x|y|z", "\0", "2026-01-10|" + Guid.Empty]))).TrimEnd('='),
            _ => Percent(Text("cursor", inUrl: true)),
        };

        /// <summary>A real value, kept or damaged: one character changed, cut, doubled, or lengthened.</summary>
        private string Mutate(string value) => random.Next(6) switch
        {
            0 => value,
            1 when value.Length > 1 => value[..random.Next(1, value.Length)],
            2 when value.Length > 0 => value.Remove(random.Next(value.Length), 1).Insert(random.Next(value.Length - 1), Pick(["A", "_", "-", "=", "%2B", "%00"])),
            3 => value + value,
            4 => value + Pick(["=", "==", "%3D", "x", "%FF"]),
            _ => Percent(Text("value", inUrl: true)),
        };

        /// <summary>Percent-encodes as a URL carries it; a lone surrogate as the three bytes UTF-8 forbids.</summary>
        private static string Percent(string value)
        {
            var text = new StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
                {
                    text.Append(c);
                    continue;
                }

                var unit = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? value.Substring(i++, 2) : c.ToString();
                var bytes = char.IsSurrogate(unit[0]) && unit.Length == 1
                    ? [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]
                    : Encoding.UTF8.GetBytes(unit);
                foreach (var b in bytes)
                {
                    text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
                }
            }

            return text.ToString();
        }

        // ---- Values ----

        /// <summary>
        /// A string: plausible for the name, one of the odd ones, a boundary length, or a plausible one with an odd
        /// one inside. In a URL (<paramref name="inUrl"/>) no longer than 257 characters, so most URLs stay under our 8 KB limit.
        /// </summary>
        private string Text(string name, bool inUrl = false)
        {
            var plausible = FuzzValues.Plausible(name);
            if (!OddHere(1))
            {
                return plausible is null ? "fuzz" : Pick(plausible);
            }

            return random.Next(100) switch
            {
                < 35 when plausible is not null => Pick(plausible),
                < 55 => Pick(FuzzValues.Strings),
                < 70 => Long(Pick(FuzzValues.Lengths.Where(length => !inUrl || length <= 257).ToList())),
                < 71 => Long(inUrl ? 257 : FuzzValues.HugeLength),
                < 85 when plausible is not null => Splice(Pick(plausible), Pick(FuzzValues.Strings)),
                _ => Splice(Pick(FuzzValues.Strings), Pick(FuzzValues.Strings)),
            };
        }

        private string Long(int length)
        {
            var filler = Pick(FuzzValues.Fillers);
            var text = new StringBuilder(length + 2);
            while (text.Length < length)
            {
                text.Append(filler);
            }

            return text.ToString();
        }

        private string Splice(string into, string inserted) => into.Insert(random.Next(into.Length + 1), inserted);

        /// <summary>A scalar as text, by the schema's type and format.</summary>
        private string Scalar(string name, JsonElement schema, bool inUrl = false)
        {
            var plausible = FuzzValues.Plausible(name);
            var (type, format) = TypeOf(schema);
            if ((plausible is not null && Chance(0.3)) || !OddHere(1))
            {
                return plausible is not null ? Pick(plausible) : (type, format) switch
                {
                    (_, "uuid") => Id(),
                    (_, "date") => "2026-01-10",
                    (_, "date-time") => "2026-01-10T12:00:00Z",
                    ("integer" or "number", _) => "1",
                    ("boolean", _) => "true",
                    _ => "fuzz",
                };
            }

            return (type, format) switch
            {
                (_, "uuid") => Chance(0.8) ? Id() : Text(name, inUrl),
                (_, "date-time" or "date") => Chance(0.8) ? Pick(FuzzValues.Dates) : Text(name, inUrl),
                ("integer" or "number", _) => Chance(0.85) ? Pick(FuzzValues.Integers) : Text(name, inUrl),
                ("boolean", _) => Chance(0.85) ? Pick(FuzzValues.Booleans) : Text(name, inUrl),
                _ => Text(name, inUrl),
            };
        }

        private static (string Type, string? Format) TypeOf(JsonElement schema)
        {
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (!schema.TryGetProperty("type", out var type))
            {
                return ("object", format);
            }

            // OpenAPI 3.1 lists types: ["null", "string"], and ["integer", "string"] for numbers the framework also reads from strings.
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList() : [type.GetString()!];
            var main = types.Contains("integer") ? "integer" : types.Contains("number") ? "number" : types.FirstOrDefault() ?? "null";
            return (main, format);
        }

        // ---- Headers ----

        private void Authorization()
        {
            var needsToken = target.Kind == EndpointKind.Api || target.Template == "/connect/userinfo";
            var roll = nearlyPlausible && needsToken && !OddHere(1) ? random.Next(65) : random.Next(100);
            string? header;
            if (!needsToken && roll < 80)
            {
                header = null;
            }
            else if (roll < (needsToken ? 45 : 90))
            {
                (header, caller) = ("Bearer " + known.Owner.AccessToken, "the owner");
            }
            else if (roll < (needsToken ? 65 : 95))
            {
                (header, caller) = ("Bearer " + known.Member.AccessToken, "a member");
            }
            else if (roll < 80)
            {
                header = null;
            }
            else
            {
                (header, caller) = (Pick([
                    "Bearer garbage", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer " + known.Owner.AccessToken, "Bearer  " + known.Owner.AccessToken,
                    "Bearer " + known.Owner.AccessToken[..^3] + "abc", "Bearer " + known.Owner.AccessToken.Split('.')[0] + "..", "Bearer " + known.Owner.RefreshToken,
                    "Bearer a.b.c", "Bearer " + new string('x', 5000)]), "a broken token");
            }

            if (header is not null)
            {
                headers.Add(new("Authorization", header));
            }
        }

        private void Cookies()
        {
            if (target.Kind == EndpointKind.Api)
            {
                return;
            }

            var cookies = new List<string>();
            if (!OddHere(0.4))
            {
                cookies.Add(known.AntiforgeryCookie);
            }

            if (Chance(0.3))
            {
                cookies.Add(known.Owner.SessionCookie);
            }

            if (Chance(0.05))
            {
                cookies.Add("poctracker.session=" + Pick(["garbage", "", "CfDJ8%00", new string('c', 3000)]));
            }

            if (cookies.Count > 0)
            {
                headers.Add(new("Cookie", string.Join("; ", cookies)));
            }
        }

        private void OtherHeaders(string method)
        {
            if (Chance(0.25))
            {
                headers.Add(new("Accept-Language", Pick(FuzzValues.AcceptLanguages)));
            }

            if (method is "PUT" or "DELETE" && Chance(0.7))
            {
                headers.Add(new("If-Match", OddHere(1) ? Pick(FuzzValues.IfMatches) : "\"1\""));
            }

            if (Chance(0.1))
            {
                headers.Add(new("Accept", Pick(FuzzValues.Accepts)));
            }
        }

        // ---- Body ----

        private (string? ContentType, byte[]? Body) Body(string method)
        {
            if (target.TakesForm)
            {
                return (OddHere(0.25) ? Optional(Pick(FuzzValues.FormContentTypes)) : "application/x-www-form-urlencoded", Form());
            }

            if (target.TakesJson)
            {
                return (OddHere(0.3) ? Optional(Pick(FuzzValues.JsonContentTypes)) : "application/json", Json());
            }

            if (target.BodyMediaTypes.Contains("text/csv"))
            {
                return (OddHere(0.3) ? Optional(Pick(FuzzValues.CsvContentTypes)) : "text/csv", Csv());
            }

            if (target.BodyMediaTypes.Count > 0 || (!nearlyPlausible && (method is "POST" or "PUT" or "PATCH" && Chance(0.3) || Chance(0.05))))
            {
                return (Optional(Pick(FuzzValues.JsonContentTypes)), Chance(0.5) ? Json() : Bytes(random.Next(0, 64)));
            }

            return (null, null);
        }

        private static string? Optional(string contentType) => contentType.Length == 0 ? null : contentType;

        private byte[] Form()
        {
            var fields = new List<string>();
            foreach (var field in target.FormFields)
            {
                if (field == "__RequestVerificationToken")
                {
                    if (!OddHere(0.3))
                    {
                        fields.Add(field + "=" + (OddHere(0.1) ? Mutate(known.AntiforgeryToken) : known.AntiforgeryToken));
                    }
                }
                else if (!OddHere(0.2))
                {
                    fields.Add(field + "=" + FormValue(field));
                }
            }

            if (!nearlyPlausible && Chance(0.03))
            {
                fields.AddRange(Enumerable.Range(0, 1100).Select(i => $"k{i}=v")); // over the form reader's 1,024 values
            }

            if (!nearlyPlausible && Chance(0.1))
            {
                fields.Add(Percent(Text("key")) + "=" + Percent(Text("value")));
            }

            var text = string.Join('&', fields);
            return !nearlyPlausible && Chance(0.05) ? Bytes(random.Next(1, 200)) : Encoding.ASCII.GetBytes(text);
        }

        private string FormValue(string field) => field switch
        {
            "token" when known.InvitationTokens.Count > 0 && Chance(0.6) => Mutate(Pick(known.InvitationTokens)),
            "refresh_token" when Chance(0.5) => known.Owner.RefreshToken,
            "access_token" when Chance(0.5) => known.Owner.AccessToken,
            _ => !nearlyPlausible && Chance(0.05) ? Pick(FuzzValues.RawEscapes) : Percent(Text(field)),
        };

        private byte[] Csv()
        {
            if (!nearlyPlausible && Chance(0.1))
            {
                return Bytes(random.Next(0, 300));
            }

            var header = !OddHere(0.2) ? "name,description,language,tags,status,repositoryUrl,visibility" : Text("header");
            var separator = Chance(0.8) ? "," : Pick([";", "\t", "|"]);
            var rows = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                string.Join(separator, Enumerable.Range(0, random.Next(1, 9)).Select(i => Chance(0.3) ? "\"" + Text("cell").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : Text("cell"))));
            return Utf8.GetBytes(string.Join(Pick(["\n", "\r\n", "\r"]), rows.Prepend(header)));
        }

        // ---- JSON ----

        private byte[] Json()
        {
            var roll = nearlyPlausible ? 0 : random.Next(100);
            var text = roll switch
            {
                < 50 => Write(Shaped(target.BodySchema, "", depth: 0)),
                < 58 => Pick(["null", "[]", "\"x\"", "42", "true", "{}", "[{}]", "{\"\":null}", "0.0e0"]),
                < 66 => Broken(Write(Shaped(target.BodySchema, "", depth: 0))),
                < 70 => Nested(),
                < 76 => WithOddMembers(Write(Shaped(target.BodySchema, "", depth: 0))),
                < 82 => Pick(["{name:'x'}", "{\"name\":\"x\",}", "{\"name\":NaN}", "{\"name\":Infinity}", "// c\n{}", "{\"name\":\"x\" /* c */}", "{\"limit\":01}", "{\"a\":0x10}", "{\"name\":\"\\x41\"}", "{\"name\":\"\\u12\"}", "{\"name\":\"\\ud800\\u0041\"}"]),
                < 86 => Pick(["", " ", "\n", "\t\t"]),
                _ => Write(Shaped(target.BodySchema, "", depth: 0)),
            };

            var bytes = Utf8.GetBytes(text);
            return roll >= 92 ? Damage(bytes) : bytes;
        }

        /// <summary>A value of the schema's shape, each member plausible or odd, now and then of the wrong JSON type.</summary>
        private object? Shaped(JsonElement? schema, string name, int depth)
        {
            if (schema is not { } s || depth > 6)
            {
                return Text(name);
            }

            if (depth > 0 && OddHere(0.12))
            {
                return WrongType();
            }

            var (type, _) = TypeOf(s);
            switch (type)
            {
                case "object" when s.TryGetProperty("properties", out var properties):
                    var required = s.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
                    return properties.EnumerateObject()
                        .Where(p => required.Contains(p.Name) ? !OddHere(0.08) : Chance(0.7))
                        .Select(p => new KeyValuePair<string, object?>(p.Name, Shaped(p.Value, p.Name, depth + 1)))
                        .ToList();
                case "array":
                    var count = !OddHere(0.4) ? random.Next(1, 3) : random.Next(10) switch { < 6 => random.Next(0, 4), < 8 => Pick([19, 20, 21]), _ => Pick([0, 100, 1000]) };
                    var items = s.TryGetProperty("items", out var i) ? i : (JsonElement?)null;
                    return Enumerable.Range(0, count).Select(_ => Shaped(items, name, depth + 1)).ToList();
                case "integer" or "number":
                    return !OddHere(1) ? new RawJson("1") : Chance(0.85) ? new RawJson(Pick(FuzzValues.JsonNumbers)) : Pick(FuzzValues.Integers); // a number, or one in a string
                case "boolean":
                    return Chance(0.5);
                default:
                    return Scalar(name, s);
            }
        }

        private object? WrongType() => random.Next(7) switch
        {
            0 => null,
            1 => new RawJson(Pick(["0", "-1", "1e999", "1.5", "99999999999999999999999"])),
            2 => Chance(0.5),
            3 => new List<object?> { "a", new RawJson("1") },
            4 => new List<KeyValuePair<string, object?>> { new("x", "y") },
            5 => Text("wrong"),
            _ => new List<object?>(),
        };

        private string Broken(string json) => random.Next(4) switch
        {
            0 when json.Length > 1 => json[..random.Next(1, json.Length)],
            1 => json + Pick(["}", "]", ",", "x", "{}", "\0"]),
            2 when json.Length > 0 => json.Remove(random.Next(json.Length), 1),
            _ => json.Insert(random.Next(json.Length + 1), Pick(["\"", "{", "[", ":", "\\", "\u0001"])),
        };

        private string Nested()
        {
            var depth = Pick([63, 64, 65, 1000, 10000]);
            return Chance(0.5)
                ? new string('[', depth) + new string(']', depth)
                : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        }

        private string WithOddMembers(string json)
        {
            if (!json.StartsWith('{'))
            {
                return json;
            }

            var member = Pick([
                "\"name\":\"one\",\"name\":\"two\"", "\"NAME\":\"x\"", "\"unknown\":[1,2,3]", "\"\\u0000\":1", "\"\":\"\"", "\"$type\":\"System.IO.FileInfo\"",
                "\"__proto__\":{\"x\":1}", "\"id\":\"" + Guid.Empty + "\"", "\"version\":-1", "\"tags\":null,\"tags\":[\"a\"]"]);
            return "{" + member + (json.Length > 2 ? "," : "") + json[1..];
        }

        /// <summary>Bytes no UTF-8 JSON may hold: invalid sequences, an encoded surrogate, a BOM, or the text in UTF-16.</summary>
        private byte[] Damage(byte[] bytes)
        {
            byte[][] odd = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x00], [0xEF, 0xBF, 0xBE]];
            return random.Next(4) switch
            {
                0 => [0xEF, 0xBB, 0xBF, .. bytes],
                1 => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes)),
                _ => [.. bytes.Take(bytes.Length / 2), .. Pick(odd), .. bytes.Skip(bytes.Length / 2)],
            };
        }

        /// <summary>JSON text of a generated value; strings escaped by hand, so a lone surrogate is written as the escape it is.</summary>
        private static string Write(object? value) => value switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            RawJson raw => raw.Text,
            string s => Quote(s),
            List<KeyValuePair<string, object?>> members => "{" + string.Join(',', members.Select(m => Quote(m.Key) + ":" + Write(m.Value))) + "}",
            List<object?> items => "[" + string.Join(',', items.Select(Write)) + "]",
            _ => throw new InvalidOperationException("Not a generated JSON value: " + value.GetType()),
        };

        private static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2).Append('"');
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                    : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]);
                quoted.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    < ' ' => $"\\u{(int)c:x4}",
                    >= '\uD800' and <= '\uDFFF' when !paired => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            return quoted.Append('"').ToString();
        }
    }

    /// <summary>A JSON number token written as is ("1e999", "-0").</summary>
    private sealed record RawJson(string Text);
}
