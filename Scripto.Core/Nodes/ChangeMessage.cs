using System.Globalization;
using System.Text;
using Scripto.Core.Changes;

namespace Scripto.Core.Nodes;

/// <summary>
/// One NOTIFY payload: <c>node|flags|c12,u13,d14</c>. The sending node's id (a node ignores its own), flags
/// (<c>a</c>: alert events were recorded; <c>e</c>: the sender lost some changes, reload everything), and the
/// changed ids, each prefixed by its kind. A change set too large for one payload (PostgreSQL takes 8,000 bytes)
/// is cut into several messages; the flags ride on the first.
/// </summary>
public sealed record ChangeMessage(string Node, bool Alerts, bool Everything, IReadOnlyList<ScriptChange> Changes)
{
    /// <summary>Under PostgreSQL's 8,000 bytes, with room to spare (the payload is ASCII: a char is a byte).</summary>
    public const int MaxPayload = 7900;

    public static IReadOnlyList<string> Encode(string node, IReadOnlyList<ScriptChange> changes, bool alerts, bool everything, int maxPayload = MaxPayload)
    {
        var payloads = new List<string>();
        var text = new StringBuilder();
        Start(alerts, everything);
        var empty = true;
        foreach (var change in changes)
        {
            var entry = Kind(change.Kind) + change.ScriptId.ToString(CultureInfo.InvariantCulture);
            if (!empty && text.Length + 1 + entry.Length > maxPayload)
            {
                payloads.Add(text.ToString());
                Start(false, false);
                empty = true;
            }
            if (!empty) text.Append(',');
            text.Append(entry);
            empty = false;
        }
        payloads.Add(text.ToString());
        return payloads;

        void Start(bool a, bool e)
        {
            text.Clear().Append(node).Append('|');
            if (a) text.Append('a');
            if (e) text.Append('e');
            text.Append('|');
        }
    }

    /// <summary>The message, or null for a payload that is not one (another program on the channel).</summary>
    public static ChangeMessage? Decode(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0].Length == 0) return null;
        var changes = new List<ScriptChange>();
        foreach (var entry in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            ScriptChangeKind? kind = entry[0] switch { 'c' => ScriptChangeKind.Created, 'u' => ScriptChangeKind.Updated, 'd' => ScriptChangeKind.Deleted, _ => null };
            if (kind is null || !long.TryParse(entry.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
            changes.Add(new ScriptChange(id, kind.Value));
        }
        return new ChangeMessage(parts[0], parts[1].Contains('a'), parts[1].Contains('e'), changes);
    }

    private static char Kind(ScriptChangeKind kind) => kind switch
    {
        ScriptChangeKind.Created => 'c',
        ScriptChangeKind.Deleted => 'd',
        _ => 'u',
    };
}
