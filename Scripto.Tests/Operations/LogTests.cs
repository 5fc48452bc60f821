using Microsoft.Extensions.Logging;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

/// <summary>An operator reading the log sees every refused report with why, and every change of status.</summary>
public sealed class LogTests : ApiTest
{
    [Fact]
    public async Task A_refused_report_logs_one_warning_saying_why()
    {
        await Client.PostAsync("/api/v2/ping/backup?server=db-1&schedule=fortnightly", null);
        await Client.SendRawAsync("PUT", "/api/v1/script/42", """{"status": true}""");

        var refusals = App.Logs.Entries.Where(e => e.Message.StartsWith("Refused")).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Equal("/api/v2/ping/backup", refusals[0].Values["Path"]);
        Assert.Equal("400", refusals[0].Values["Status"]);
        Assert.Contains("schedule", refusals[0].Values["Detail"]);
        Assert.Equal("404", refusals[1].Values["Status"]);
        Assert.Contains("no script with id 42", refusals[1].Values["Detail"]);
    }

    [Fact]
    public async Task A_line_break_in_a_refused_parameter_stays_on_the_refusal_line()
    {
        var id = await Client.CreateScriptAsync(new { name = "rotate.sh" });
        await Client.PostAsync("/api/v2/ping/backup?server=db-1&bo%0D%0Ags=1", null);
        await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", "{\"na\\r\\nme\": 1, \"status\": \"x\\r\\ny\"}");
        await Client.PostAsync("/api/v2/ping/backup?server=db%0D%0A-1", null);

        var refusals = App.Logs.Entries.Where(e => e.Message.StartsWith("Refused")).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.DoesNotContain('\r', r.Message));
        Assert.All(refusals, r => Assert.DoesNotContain('\n', r.Message));
        Assert.Contains(refusals, r => r.Message.Contains("\\u000D\\u000A"));
    }

    [Fact]
    public async Task An_accepted_report_logs_no_refusal()
    {
        (await Client.PostAsync("/api/v2/ping/backup?server=db-1", null)).EnsureSuccessStatusCode();
        Assert.DoesNotContain(App.Logs.Entries, e => e.Message.StartsWith("Refused"));
    }

    [Fact]
    public async Task Each_status_change_logs_one_line_with_its_reason()
    {
        (await Client.PostAsync("/api/v2/ping/backup?server=db-1", null)).EnsureSuccessStatusCode();
        (await Client.PostAsync("/api/v2/ping/backup/3?server=db-1", null)).EnsureSuccessStatusCode();
        (await Client.PostAsync("/api/v2/ping/backup/3?server=db-1", null)).EnsureSuccessStatusCode(); // still down: no change

        var changes = App.Logs.Entries.Where(e => e.Values.ContainsKey("To")).ToList();
        Assert.Equal(["Never reported->OK", "OK->Failed"], changes.Select(c => $"{c.Values["From"]}->{c.Values["To"]}"));
        Assert.All(changes, c => Assert.Equal("backup", c.Values["ScriptName"]));
        Assert.Equal("db-1", changes[1].Values["Server"]);
        Assert.Equal("reported failure (exit code 3)", changes[1].Values["Reason"]);
    }
}
