namespace Scripto.Core.Writing;

/// <summary>Why the writer cannot write right now (null while it can): what /healthz reports besides reads.</summary>
public sealed class StorageHealth
{
    private volatile string? _problem;

    public string? Problem => _problem;

    internal void Failing(string problem) => _problem = problem;

    internal void Writing() => _problem = null;
}
