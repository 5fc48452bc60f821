using System.Text.RegularExpressions;
using Scripto.Core.Scripts;

namespace Scripto.Core.Notifications.Channels;

/// <summary>Which scripts a channel takes, and the group a script falls in.</summary>
public static class ChannelScope
{
    public static bool Takes(Channel channel, Script script) =>
        (channel.Servers.Count == 0 || channel.Servers.Contains(script.Server, StringComparer.OrdinalIgnoreCase))
        && (channel.Names.Count == 0 || channel.Names.Any(glob => Glob(glob).IsMatch(script.Name)))
        && (channel.Tags.Count == 0 || ScriptTags.Split(script.Tags).Any(channel.Tags.Contains));

    public static string GroupKey(Channel channel, Script script) =>
        channel.GroupBy == ChannelRules.GroupByServer ? script.Server : "";

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
}
