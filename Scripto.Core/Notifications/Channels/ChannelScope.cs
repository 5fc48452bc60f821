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

    /// <summary>
    /// The group a script falls in: its server, or its tag — the first of the channel's tags it carries (a channel
    /// for db and web groups a script tagged both under db), else its first tag; untagged scripts group together.
    /// </summary>
    public static string GroupKey(Channel channel, Script script) => channel.GroupBy switch
    {
        ChannelRules.GroupByServer => script.Server,
        ChannelRules.GroupByTag => ScriptTags.Split(script.Tags) is var tags && tags.Count > 0
            ? channel.Tags.FirstOrDefault(tags.Contains) ?? tags[0]
            : "",
        _ => "",
    };

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
}
