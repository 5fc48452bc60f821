using System.Text.Json.Nodes;
using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Formats;

namespace Scripto.Tests.Notifications;

/// <summary>What a message quotes reads as a person read it in the terminal, and a script with no server is just its name.</summary>
public sealed class MessageQuotingTests
{
    private const string Coloured = "\u001b[1;31mERROR\u001b[0m: disk \u001b]0;title\u0007full\u001b[K";

    private static async Task<string> BodyAsync(string kind, NotificationMessage message)
    {
        using var request = ChannelRequests.Build(new ChannelTarget(kind, "http://127.0.0.1:9/hook", [], null, null, null), message, SampleMessages.Now);
        return await request.Content!.ReadAsStringAsync();
    }

    [Fact]
    public async Task Colour_codes_in_a_scripts_output_are_left_out_of_a_slack_post_and_a_webhook()
    {
        var message = SampleMessages.Hostile("backup.sh", Coloured);

        var slack = JsonNode.Parse(await BodyAsync("slack", message))!["attachments"]![0]!["text"]!.GetValue<string>();
        var webhook = JsonNode.Parse(await BodyAsync("webhook", message))!["scripts"]![0]!["last_output_line"]!.GetValue<string>();

        Assert.Contains("Last output: ERROR: disk full\n", slack + "\n");
        Assert.Equal("ERROR: disk full", webhook);
    }

    [Fact]
    public void A_script_with_no_server_is_named_alone()
    {
        var message = SampleMessages.Down with { GroupBy = "none", GroupKey = "", Scripts = [SampleMessages.Backup with { Server = "" }], Resolved = [] };

        Assert.Equal("[Scripto] DOWN: backup.sh", MessageText.Title(message));
        Assert.StartsWith("backup.sh: no report", MessageText.Summary(message.Scripts[0], resolved: false));
        Assert.DoesNotContain(MessageText.Facts(message.Scripts[0], resolved: false), f => f.Label == "Server");
    }
}
