using System.Globalization;

namespace Scripto.Core.Sharing;

public enum TargetKind
{
    Script,
    Tag,
    Server,
}

/// <summary>What a badge or a status page shows: one script (by id), every script with a tag, or every script on a server.</summary>
public sealed record Target(TargetKind Kind, string Value)
{
    public static Target OfScript(long id) => new(TargetKind.Script, id.ToString(CultureInfo.InvariantCulture));

    public static Target OfTag(string tag) => new(TargetKind.Tag, tag);

    public static Target OfServer(string server) => new(TargetKind.Server, server);

    public long? ScriptId => Kind == TargetKind.Script && long.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>"script 12", "tag db", "server db-1": for people, in lists.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Value}";
}
