using System.Globalization;
using System.Text;
using Scripto.Core.Changes;

namespace Scripto.Core.Nodes;

/// <summary>
/// One NOTIFY payload: <c>node|flags|c12,u13,d14</c>. The sending node's id (a node ignores its own), flags
/// (<c>a</c>: alert events were recorded; <c>e</c>: the sender lost some changes, reload everything;
/// <c>t1764230400123</c>: when the oldest of its changes was committed, in Unix milliseconds), and the changed ids,
/// each prefixed by its kind. A change set too large for one payload (PostgreSQL takes 8,000 bytes) is cut into
/// several messages; the flags <c>a</c> and <c>e</c> ride on the first, the time on each. A node of an earlier
/// version reads the flags by the letters a and e alone, so the time (digits after a t) passes it unharmed.
/// </summary>
public sealed record ChangeMessage(string Node, bool Alerts, bool Everything, IReadOnlyList<ScriptChange> Changes, DateTimeOffset? CommittedAt = null)
{
    /// <summary>Under PostgreSQL's 8,000 bytes, with room to spare (the payload is ASCII: a char is a byte).</summary>
    public const int MaxPayload = 7900;

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static IReadOnlyList<string> Encode(string node, IReadOnlyList<ScriptChange> changes, bool alerts, bool everything,
        DateTimeOffset? committedAt = null, int maxPayload = MaxPayload)
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
            if (committedAt is { } at) text.Append('t').Append(at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
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
        var flags = parts[1];
        var t = flags.IndexOf('t');
        DateTimeOffset? committedAt = null;
        if (t >= 0)
        {
            var digits = flags.AsSpan(t + 1);
            var end = digits.IndexOfAnyExceptInRange('0', '9');
            if (end >= 0) digits = digits[..end];
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > MaxUnixMilliseconds) return null;
            committedAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            flags = flags.Remove(t, 1 + digits.Length);
        }
        return new ChangeMessage(parts[0], flags.Contains('a'), flags.Contains('e'), changes, committedAt);
    }

    private static char Kind(ScriptChangeKind kind) => kind switch
    {
        ScriptChangeKind.Created => 'c',
        ScriptChangeKind.Deleted => 'd',
        _ => 'u',
    };
}
