using static Scripto.Tests.Robustness.MalformedRequest;

namespace Scripto.Tests.Robustness;

/// <summary>Malformed requests to v1's writes: POST /api/v1/script, PUT, PATCH and DELETE /api/v1/script/{id}.</summary>
public static class V1Corpus
{
    /// <summary>Bodies wrong in themselves: each is sent to POST, PUT and PATCH alike.</summary>
    private static IEnumerable<(string? Type, byte[] Body, int Status, string Names)> Bodies()
    {
        // Broken JSON.
        foreach (var text in new[]
        {
            """{"name": "x.sh" """, """{"name": "x.sh",}""", "{'name': 'x.sh'}", """{name: "x.sh"}""",
            """{"name": "x.sh"} {"name": "y.sh"}""", """{"name": "x.sh"} trailing""", """/* c */ {"name": "x.sh"}""",
            "{\"name\": \"x.sh\" // c\n}", "{\"name\": \"x\n.sh\"}", """{"name": "a\qb"}""", """{"name": "\u12"}""",
            """{"status": NaN}""", """{"status": Infinity}""", """{"status": 01}""", """{"status": +1}""", """{"status": .5}""",
            """{"status": tru}""", "\0", "   ", """{"name": "x.sh", "status": 1""", "}{",
        })
            yield return (Json, Utf8(text), 400, "JSON");
        // Not an object.
        foreach (var text in new[] { "[]", "\"x.sh\"", "null", "true", "1e999" })
            yield return (Json, Utf8(text), 400, "object");
        // Bytes that are not UTF-8: stray, overlong ("/" as C0 AF, "." as E0 80 AE), an encoded surrogate, cut short.
        foreach (var bytes in new byte[][] { [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAE], [0xED, 0xA0, 0x80], [0xE2, 0x82] })
            yield return (Json, Raw("""{"name": "x""", bytes, """.sh", "server": "s"}"""), 400, "UTF-8");
        yield return ("application/json; charset=utf-16", System.Text.Encoding.Unicode.GetBytes("""{"name": "x.sh"}"""), 400, "JSON");
        // Unicode a name must not hold: lone or reversed surrogates, NUL, controls, bidirectional overrides.
        foreach (var (field, escaped) in new[]
        {
            ("name", @"x\ud800"), ("name", @"\udc00x"), ("name", @"\udc00\ud800"), ("server", @"\ud800"),
            ("name", @"x\u0000"), ("server", @"s\u0000"), ("name", @"x\u0007"), ("name", @"x\u0085y"), ("server", @"a\u001bb"),
            ("name", @"backup\u202ehs.exe"), ("server", @"db\u202e1"), ("name", @"\u2066x\u2069"), ("name", @"a\u202ab"),
        })
            yield return (Json, With(field, $"\"{escaped}\""), 400, field);
        yield return (Json, Utf8("""{"name": "x.sh", "\ud800": 1}"""), 400, "field");
        // Wrong types.
        foreach (var (field, value) in new[]
        {
            ("name", "5"), ("name", "true"), ("name", "[]"), ("name", """{"first": "x"}"""), ("server", "42"), ("server", "{}"),
            ("status", "\"1\""), ("status", "[1]"), ("status", "{}"), ("status", "1e400"), ("status", "99999999999999999999"),
            ("status", "-1"), ("status", "-99999999999999999999"), ("status", "0.0"), ("status", "2147483648"),
            ("periodicity", "true"), ("periodicity", "\"\""), ("periodicity", """["daily"]"""), ("periodicity", "\"yearly\""),
            ("last_exec", "1e400"), ("last_exec", "-1"), ("last_exec", "\"\""), ("last_exec", "\"2017-08-02T10:00:00+99:00\""),
            ("last_exec", "\"-2017-08-02\""), ("last_exec", "\"10000-01-01\""), ("last_exec", "\"1969-12-31T23:59:59\""),
            ("last_exec", "true"),
        })
            yield return (Json, With(field, value), 400, field);
        // Huge strings, still under 64 KiB.
        yield return (Json, Utf8($$"""{"name": "{{new string('n', 256)}}"}"""), 400, "name");
        yield return (Json, Utf8($$"""{"name": "{{string.Concat(Enumerable.Repeat("😀", 128))}}"}"""), 400, "name");
        yield return (Json, Utf8($$"""{"name": "{{new string('n', 60_000)}}"}"""), 400, "name");
        yield return (Json, Utf8($$"""{"name": "x.sh", "server": "{{new string('s', 60_000)}}"}"""), 400, "server");
        yield return (Json, Utf8($$"""{"name": "x.sh", "periodicity": "{{new string('d', 60_000)}}"}"""), 400, "periodicity");
        yield return (Json, Utf8($$"""{"name": "x.sh", "last_exec": "{{new string('2', 60_000)}}"}"""), 400, "last_exec");
        yield return (Json, Utf8($$"""{"name": "x.sh", "{{new string('k', 60_000)}}": 1}"""), 400, "kkkk");
        // Too large to read.
        yield return (Json, Utf8($$"""{"name": "{{new string('n', 65 * 1024)}}"}"""), 413, "64 KiB");
        yield return (Json, Utf8($$"""{"name": "x.sh", "pad": "{{new string(' ', 10 * 1024 * 1024)}}"}"""), 413, "64 KiB");
        // Duplicate keys, and keys that differ from a field only by case.
        yield return (Json, Utf8("""{"name": "a.sh", "name": "b.sh"}"""), 400, "name");
        yield return (Json, Utf8("""{"name": "a.sh", "periodicity": "daily", "periodicity": "hourly"}"""), 400, "periodicity");
        yield return (Json, Utf8("""{"name": "a.sh", "Name": "b.sh"}"""), 400, "Name");
        // Deep nesting.
        yield return (Json, Utf8("{\"name\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 17)) + "1" + new string('}', 18)), 400, "JSON");
        yield return (Json, Utf8("{\"name\": " + new string('[', 10_000) + new string(']', 10_000) + "}"), 400, "JSON");
        // Content types that are not JSON.
        foreach (var type in new[]
        {
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
            "text/json", "application/jsonx", ";;;", "application/octet-stream",
        })
            yield return (type, Utf8("""{"name": "x.sh"}"""), 415, "Content-Type");
        yield return (null, Utf8("""{"name": "x.sh"}"""), 415, "Content-Type");
    }

    /// <summary>A body with a good name and one field set to <paramref name="json"/> (the name itself if that is the field).</summary>
    private static byte[] With(string field, string json) =>
        Utf8(field == "name" ? $$"""{"name": {{json}}}""" : $$"""{"name": "x.sh", "{{field}}": {{json}}}""");

    public static IEnumerable<MalformedRequest> All()
    {
        foreach (var (type, body, status, names) in Bodies())
        {
            yield return Post("/api/v1/script", type, body, status, names);
            yield return new("PUT", "/api/v1/script/{id}", type, body, status, names);
            yield return new("PATCH", "/api/v1/script/{id}", type, body, status, names);
        }

        // Ids the server must not take for another, and fields it assigns itself.
        foreach (var id in new[] { "1e400", "-1", "9223372036854775808", "\"1\"", "1.0" })
            yield return new("PUT", "/api/v1/script/{id}", Json, Utf8($$"""{"id": {{id}}, "status": 1}"""), 400, "id");
        yield return Post("/api/v1/script", Json, Utf8("""{"id": 1, "name": "x.sh"}"""), 400, "id");
        yield return Post("/api/v1/script", Json, Utf8("""{"server": "s"}"""), 400, "name");

        // Ids in the path that overflow, are not numbers, or try to climb out of the resource.
        var report = Utf8("""{"status": 1}""");
        foreach (var method in new[] { "PUT", "PATCH", "DELETE" })
        {
            var body = method == "DELETE" ? null : report;
            var type = method == "DELETE" ? null : Json;
            foreach (var (target, code, names) in new[]
            {
                ("/api/v1/script/9223372036854775808", 404, "endpoint"), ("/api/v1/script/99999999999999999999999999", 404, "endpoint"),
                ("/api/v1/script/-9223372036854775809", 404, "endpoint"), ("/api/v1/script/abc", 404, "endpoint"),
                ("/api/v1/script/1.5", 404, "endpoint"), ("/api/v1/script/0x1", 404, "endpoint"), ("/api/v1/script/1e3", 404, "endpoint"),
                ("/api/v1/script/-1", 404, "-1"), ("/api/v1/script/0", 404, "0"), ("/api/v1/script/%2e%2e", 404, "endpoint"),
                ("/api/v1/script/{id}%2f..", 404, "endpoint"), ("/api/v1/script/..%2f{id}", 404, "endpoint"),
                ("/api/v1/script/{id}/..", 405, "method"), ("/api/v1/script/", 405, "method"),
                ("/api/v1/script/{id};x", 404, "endpoint"), ("/api/v1/script/{id}/x", 404, "endpoint"),
            })
                yield return new(method, target, type, body, code, names);
        }
        yield return Post("/api/v1/script/../..", Json, Utf8("""{"name": "x.sh"}"""), 404, "endpoint");
        yield return Post("/api/v1/script/%2e%2e/%2e%2e", Json, Utf8("""{"name": "x.sh"}"""), 404, "endpoint");
        yield return Post("/api/v1/script/{id}", Json, Utf8("""{"name": "x.sh"}"""), 405, "method");
        yield return Post("/api/v1//script", Json, Utf8("""{"name": "x.sh"}"""), 404, "endpoint");
    }
}
