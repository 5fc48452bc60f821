namespace Scripto.Core.Nodes;

/// <summary>This process among the nodes: a random id drawn at start, so that a node knows its own messages.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];
}
