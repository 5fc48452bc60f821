namespace Scripto.Core.Sharing;

/// <summary>
/// A read-only badge: whoever has its token sees one target's state, nothing else. The token is random (not derived
/// from anything) and kept as is, so that everyone who may read the dashboard can copy a badge's address; it grants
/// nothing beyond that one state, and revoking deletes it.
/// </summary>
public sealed class Badge
{
    public long Id { get; set; }
    public string Token { get; set; } = "";
    public TargetKind Kind { get; set; }
    public string Value { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public Target Target => new(Kind, Value);
}
