namespace Scripto.Core.Persistence;

/// <summary>The database cannot be opened as configured: a mistake to name in one line at start, not a stack trace.</summary>
public sealed class DatabaseStartException(string message) : Exception(message);
