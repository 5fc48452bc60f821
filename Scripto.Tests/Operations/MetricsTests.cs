using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

public sealed class MetricsTests : ApiTest
{
    [Fact]
    public async Task Metrics_show_each_script_counts_by_state_and_reports()
    {
        (await Client.PostAsync("/api/v2/ping/backup?server=db-1&schedule=daily", null)).EnsureSuccessStatusCode();
        (await Client.PostAsync("/api/v2/ping/say%20%22hi%22%5Cnow/fail", null)).EnsureSuccessStatusCode();
        var never = await Client.CreateScriptAsync(new { name = "new-job" });
        Assert.Equal(400, (int)(await Client.PostAsync("/api/v2/ping/backup?server=db-1&oops=1", null)).StatusCode);
        App.Clock.Advance(TimeSpan.FromSeconds(90));

        var metrics = await PrometheusScrape.GetAsync(Client);

        Assert.Equal(1, metrics["scripto_scripts{state=\"ok\"}"]);
        Assert.Equal(1, metrics["scripto_scripts{state=\"failed\"}"]);
        Assert.Equal(1, metrics["scripto_scripts{state=\"never\"}"]);
        Assert.Equal(0, metrics["scripto_scripts{state=\"down\"}"]);

        Assert.Equal(1, metrics["scripto_script_up{id=\"1\",name=\"backup\",server=\"db-1\"}"]);
        Assert.Equal(0, metrics["scripto_script_up{id=\"2\",name=\"say \\\"hi\\\"\\\\now\",server=\"\"}"]);
        Assert.Equal(1, metrics[$"scripto_script_up{{id=\"{never}\",name=\"new-job\",server=\"\"}}"]);
        Assert.Equal(90, metrics["scripto_script_seconds_since_last_run{id=\"1\",name=\"backup\",server=\"db-1\"}"]);
        Assert.False(metrics.Has($"scripto_script_seconds_since_last_run{{id=\"{never}\",name=\"new-job\",server=\"\"}}"));

        Assert.Equal(2, metrics["scripto_reports_total{api=\"v2\",outcome=\"accepted\"}"]);
        Assert.Equal(1, metrics["scripto_reports_total{api=\"v2\",outcome=\"refused\"}"]);
        Assert.Equal(1, metrics["scripto_reports_total{api=\"v1\",outcome=\"accepted\"}"]);
        Assert.Equal(3, metrics["scripto_report_duration_seconds_count"]);
        Assert.Equal(3, metrics["scripto_report_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.True(metrics["scripto_report_duration_seconds_sum"] > 0);
        Assert.Equal(0, metrics["scripto_writer_longest_checkpoint_stall_seconds"]); // no checkpoint under this light load
    }

    [Fact]
    public async Task Report_latency_has_buckets_on_either_side_of_ten_milliseconds()
    {
        (await Client.PostAsync("/api/v2/ping/backup", null)).EnsureSuccessStatusCode();

        var metrics = await PrometheusScrape.GetAsync(Client);

        // An operator (and bench/write-throughput.sh) reads the share of reports over 10 ms exactly, and a p99 near it
        // between 7.5 and 15 ms rather than across 5-25 ms.
        string[] bounds = ["0.0005", "0.001", "0.0025", "0.005", "0.0075", "0.01", "0.015", "0.025", "0.05", "0.1", "+Inf"];
        var counts = bounds.Select(le => metrics[$"scripto_report_duration_seconds_bucket{{le=\"{le}\"}}"]).ToArray();
        Assert.Equal(1, counts[^1]);
        Assert.True(counts.Zip(counts.Skip(1)).All(pair => pair.First <= pair.Second), string.Join(", ", counts)); // cumulative
    }

    [Fact]
    public async Task A_single_node_on_sqlite_says_it_leads()
    {
        var metrics = await PrometheusScrape.GetAsync(Client);

        Assert.Equal(1, metrics["scripto_node_leader"]); // it flips and notifies: no other process shares its file
    }

    [Fact]
    public async Task Reads_are_not_counted_as_reports()
    {
        (await Client.PostAsync("/api/v2/ping/backup", null)).EnsureSuccessStatusCode();
        await Client.GetAsync("/api/v1/script");
        await Client.GetAsync("/api/v1/script/1");

        var metrics = await PrometheusScrape.GetAsync(Client);
        Assert.Equal(0, metrics["scripto_reports_total{api=\"v1\",outcome=\"accepted\"}"]);
        Assert.Equal(1, metrics["scripto_report_duration_seconds_count"]);
    }
}
