using System.Globalization;

namespace Scripto.Tests.Shared;

/// <summary>A /metrics answer read back as samples: "name{labels}" to value, as Prometheus would store them.</summary>
public sealed class PrometheusScrape
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);

    public static async Task<PrometheusScrape> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString());
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static PrometheusScrape Parse(string text)
    {
        var scrape = new PrometheusScrape();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#')) continue;
            var space = line.LastIndexOf(' ');
            scrape._samples.Add(line[..space], double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture));
        }
        return scrape;
    }

    public double this[string sample] =>
        _samples.TryGetValue(sample, out var value) ? value : throw new KeyNotFoundException($"No sample {sample} in: {string.Join(", ", _samples.Keys)}");

    public bool Has(string sample) => _samples.ContainsKey(sample);
}
