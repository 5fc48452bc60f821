using Scripto.Core.Notifications;
using Scripto.Core.Notifications.Channels;

namespace Scripto.Tests.Notifications;

/// <summary>An email channel's state as the settings stand: what a person reads on the Notifications page and in the API.</summary>
public sealed class ChannelStateTests
{
    private static readonly SmtpSettings NoServer = new();
    private static readonly SmtpSettings Server = new() { Host = "mail.example", From = "scripto@example.com" };

    private static Channel Email(string state = ChannelStates.Ok, string? lastError = null) =>
        new() { Name = "mail", Kind = "email", To = ["ops@example.com"], State = state, LastError = lastError };

    [Fact]
    public void Without_an_smtp_server_an_email_channel_is_failing_and_says_which_settings_it_needs()
    {
        var view = ChannelView.From(Email(), NoServer);
        Assert.Equal((ChannelStates.Failing, SmtpSettings.Missing), (view.State, view.LastError));
    }

    [Fact]
    public void Once_the_settings_give_a_server_a_channel_that_failed_only_for_that_is_ok_again_and_other_failures_stay()
    {
        var view = ChannelView.From(Email(ChannelStates.Failing, SmtpSettings.Missing), Server);
        Assert.Equal((ChannelStates.Ok, (string?)null), (view.State, view.LastError));

        var refused = ChannelView.From(Email(ChannelStates.Failing, "550 mailbox unavailable"), Server);
        Assert.Equal((ChannelStates.Failing, "550 mailbox unavailable"), (refused.State, refused.LastError));
    }

    [Fact]
    public void Other_kinds_keep_the_state_their_last_send_left()
    {
        var hook = new Channel { Name = "hook", Kind = "webhook", Url = "https://hooks.example/", State = ChannelStates.Ok };
        Assert.Equal(ChannelStates.Ok, ChannelView.From(hook, NoServer).State);
    }
}
