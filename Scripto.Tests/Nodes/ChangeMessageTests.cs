using System.Text;
using Scripto.Core.Changes;
using Scripto.Core.Nodes;

namespace Scripto.Tests.Nodes;

public sealed class ChangeMessageTests
{
    [Fact]
    public void A_change_set_too_large_for_one_notify_is_cut_into_payloads_postgres_takes_and_read_back_whole()
    {
        var changes = Enumerable.Range(1, 10_000).Select(i => new ScriptChange(1_000_000_000L + i, (ScriptChangeKind)(i % 3))).ToList();

        var payloads = ChangeMessage.Encode("node-a", changes, alerts: true, everything: false);

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        var read = payloads.Select(p => ChangeMessage.Decode(p)!).ToList();
        Assert.Equal(changes, read.SelectMany(m => m.Changes));
        Assert.All(read, m => Assert.Equal("node-a", m.Node));
        Assert.Equal([true], read.Where(m => m.Alerts).Select(m => m.Alerts)); // the flags ride on the first payload alone
    }

    [Fact]
    public void A_message_without_changes_still_carries_its_flags()
    {
        var payload = Assert.Single(ChangeMessage.Encode("node-a", [], alerts: false, everything: true));

        var message = ChangeMessage.Decode(payload)!;

        Assert.True(message.Everything);
        Assert.False(message.Alerts);
        Assert.Empty(message.Changes);
    }

    [Fact]
    public void Each_payload_says_when_its_oldest_change_was_committed_and_the_flags_still_read_by_their_letters()
    {
        var committed = DateTimeOffset.FromUnixTimeMilliseconds(1_764_230_400_123);
        var changes = Enumerable.Range(1, 3_000).Select(i => new ScriptChange(i, ScriptChangeKind.Updated)).ToList();

        var payloads = ChangeMessage.Encode("node-a", changes, alerts: true, everything: false, committed);

        Assert.True(payloads.Count > 1);
        Assert.StartsWith("node-a|at1764230400123|u1,", payloads[0]);
        var read = payloads.Select(p => ChangeMessage.Decode(p)!).ToList();
        Assert.All(read, m => Assert.Equal(committed, m.CommittedAt));
        Assert.Equal([true, false], read.Take(2).Select(m => m.Alerts));
        Assert.All(read, m => Assert.False(m.Everything));
        Assert.Equal(changes, read.SelectMany(m => m.Changes));
        // A node of the version before read the flags with Contains('a') and Contains('e'): a time has neither.
        Assert.DoesNotContain('a', payloads[1].Split('|')[1]);
        Assert.DoesNotContain('e', payloads[1].Split('|')[1]);
        // And a message from such a node has no time.
        Assert.Null(ChangeMessage.Decode("node-b|e|u7")!.CommittedAt);
    }

    [Theory]
    [InlineData("node|t|u1")]
    [InlineData("node|at99999999999999999999|u1")]
    [InlineData("hello")]
    [InlineData("node||x12")]
    [InlineData("|a|u1")]
    [InlineData("node||u-1")]
    public void A_payload_that_is_not_scriptos_is_not_read_as_changes(string payload) => Assert.Null(ChangeMessage.Decode(payload));
}
