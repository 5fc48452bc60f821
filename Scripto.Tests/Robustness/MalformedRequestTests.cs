using System.Text.Json.Nodes;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>
/// The malformed corpus against every write endpoint, over a real socket to Kestrel: each request is refused with
/// its 4xx (never a 5xx), as problem+json naming the cause, and the database's contents are unchanged.
/// One test walks the whole corpus so that a failure lists every case that failed, not only the first.
/// </summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);
    private long _id;

    public static IReadOnlyList<MalformedRequest> Corpus { get; } = [.. V1Corpus.All(), .. V2Corpus.All()];

    public async Task InitializeAsync()
    {
        using var client = new HttpClient { BaseAddress = _app.ServerAddress };
        _id = await client.CreateScriptAsync(new { name = "kept.sh", server = "s", status = 1, last_exec = "2017-08-02T10:00:00", periodicity = "daily" });
        // A script that v2's malformed pings name: a refused report must not add a run to it either.
        (await client.SendRawAsync("POST", "/api/v2/ping/backup", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void The_corpus_has_at_least_a_hundred_requests_and_covers_every_write_endpoint()
    {
        Assert.True(Corpus.Count >= 100, $"only {Corpus.Count} requests");
        foreach (var (method, prefix) in new[]
        {
            ("POST", "/api/v1/script"), ("PUT", "/api/v1/script/"), ("PATCH", "/api/v1/script/"), ("DELETE", "/api/v1/script/"),
            ("POST", "/api/v2/ping/backup?"), ("POST", "/api/v2/ping/backup/fail"), ("POST", "/api/v2/ping/backup/start"), ("POST", "/api/v2/ping/backup/3"),
        })
            Assert.Contains(Corpus, r => r.Method == method && r.Target.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_malformed_request_is_refused_with_a_problem_and_changes_nothing()
    {
        var failures = new List<string>();
        foreach (var request in Corpus)
        {
            var before = DatabaseContents.Checksum(_app.ConnectionString);
            var target = request.Target.Replace("{id}", _id.ToString());
            RawResponse response;
            try
            {
                response = await RawHttp.SendAsync(_app.ServerAddress, request.Method, target, request.ContentType, request.Body);
            }
            catch (Exception e)
            {
                failures.Add($"{request}: no answer ({e.GetType().Name}: {e.Message})");
                continue;
            }
            if (Problem(request, response) is { } wrong) failures.Add($"{request}: {wrong}");
            if (DatabaseContents.Checksum(_app.ConnectionString) != before) failures.Add($"{request}: the database changed");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Corpus.Count} requests were not refused as they should be:\n" + string.Join("\n", failures));
    }

    /// <summary>What is wrong with the answer, or null.</summary>
    private static string? Problem(MalformedRequest request, RawResponse response)
    {
        var said = $"answered {response.Status} {response.MediaType} {Shorten(response.Body)}";
        if (response.Status != request.Status) return $"expected {request.Status}, {said}";
        // Kestrel refuses what is not HTTP (a NUL in the path, a target too long) before the app runs: no problem there.
        if (request.Names.Length == 0) return null;
        if (response.MediaType != "application/problem+json") return $"expected problem+json, {said}";
        var problem = JsonNode.Parse(response.Body)!.AsObject();
        if ((int?)problem["status"] != request.Status) return $"the problem's status differs, {said}";
        var detail = $"{problem["title"]} {problem["detail"]} {problem["errors"]?.ToJsonString()}";
        return detail.Contains(request.Names, StringComparison.OrdinalIgnoreCase) ? null : $"the problem does not name '{request.Names}', {said}";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
