using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scripto.Tests.Clients;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Docs;

/// <summary>
/// A new user runs the README's examples top to bottom: every command of its console blocks, in order, against a
/// fresh server, with curl under /bin/sh, must answer what the README shows: the same status line and headers, and a
/// body of the same shape with the same ids, names and values (times and trace ids aside).
/// </summary>
public sealed partial class ReadmeExamplesTests : IAsyncLifetime
{
    private const string ReadmeHost = "http://localhost:5000";
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_console_example_run_in_order_on_a_fresh_server_answers_as_the_readme_shows()
    {
        var examples = ConsoleExamples(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));
        Assert.True(examples.Count >= 6, $"the README has {examples.Count} console examples");
        var host = _app.ServerAddress.ToString().TrimEnd('/');

        foreach (var (command, shown) in examples)
        {
            using var curl = new ChildProcess("/bin/sh", ["-c", command.Replace(ReadmeHost, host)],
                ClientTest.Isolated(new Dictionary<string, string?> { ["HOST"] = "myserver.local" }));
            Assert.True(await curl.ExitAsync() == 0, $"{command} failed: {curl.Stderr}");

            var expected = Answer.Read(shown.Replace(ReadmeHost, host));
            var actual = Answer.Read(curl.Stdout);
            Assert.True(expected.StatusLine == actual.StatusLine, $"{command}\nshown: {expected.StatusLine}\ngot:   {actual.StatusLine}");
            foreach (var (name, value) in expected.Headers)
                Assert.True(actual.Headers.GetValueOrDefault(name) == value, $"{command}\nshown: {name}: {value}\ngot:   {name}: {actual.Headers.GetValueOrDefault(name)}");
            var difference = Difference(JsonNode.Parse(expected.Body is "" ? "null" : expected.Body), JsonNode.Parse(actual.Body is "" ? "null" : actual.Body), "$");
            Assert.True(difference is null, $"{command}\n{difference}\nshown: {expected.Body}\ngot:   {actual.Body}");
        }
    }

    /// <summary>Each "$ command" of a console block, with the lines shown under it.</summary>
    private static List<(string Command, string Shown)> ConsoleExamples(string readme)
    {
        var examples = new List<(string, string)>();
        foreach (Match block in ConsoleBlock().Matches(readme))
        {
            var lines = block.Groups[1].Value.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("$ ", StringComparison.Ordinal)) continue;
                var shown = lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("$ ", StringComparison.Ordinal));
                examples.Add((lines[i][2..], string.Join('\n', shown)));
            }
        }
        return examples;
    }

    /// <summary>Where the two answers differ, by JSON path; null when they agree. Times only need to be times.</summary>
    private static string? Difference(JsonNode? shown, JsonNode? got, string path)
    {
        switch (shown, got)
        {
            case (null, null):
                return null;
            case (JsonObject a, JsonObject b):
                var keysA = a.Select(p => p.Key).ToList();
                var keysB = b.Select(p => p.Key).ToList();
                if (!keysA.SequenceEqual(keysB)) return $"{path}: fields [{string.Join(", ", keysA)}] shown, [{string.Join(", ", keysB)}] answered";
                return keysA.Select(k => Difference(a[k], b[k], $"{path}.{k}")).FirstOrDefault(d => d is not null);
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count) return $"{path}: {a.Count} items shown, {b.Count} answered";
                return a.Select((item, i) => Difference(item, b[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case (JsonValue a, JsonValue b):
                if (a.TryGetValue<string>(out var s1) && b.TryGetValue<string>(out var s2) && (IsTime(s1) && IsTime(s2) || path.EndsWith(".traceId", StringComparison.Ordinal))) return null;
                return a.ToJsonString() == b.ToJsonString() ? null : $"{path}: {a.ToJsonString()} shown, {b.ToJsonString()} answered";
            default:
                return $"{path}: {shown?.ToJsonString() ?? "nothing"} shown, {got?.ToJsonString() ?? "nothing"} answered";
        }
    }

    private static bool IsTime(string text) => IsoTime().IsMatch(text);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?$")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"```console\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();

    /// <summary>What curl printed: with -i a status line and headers, a blank line, then the body; without, the body.</summary>
    private sealed record Answer(string? StatusLine, Dictionary<string, string> Headers, string Body)
    {
        public static Answer Read(string text)
        {
            text = text.Replace("\r\n", "\n").Trim();
            if (!text.StartsWith("HTTP/", StringComparison.Ordinal)) return new(null, [], text);
            var parts = text.Split("\n\n", 2);
            var lines = parts[0].Split('\n');
            var headers = lines.Skip(1).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0].ToLowerInvariant(), p => p.Length > 1 ? p[1] : "");
            return new(lines[0], headers, parts.Length > 1 ? parts[1].Trim() : "");
        }
    }
}
