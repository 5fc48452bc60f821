using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

public enum WriteOutcome
{
    Created,
    Updated,
    Deleted,
    NotFound,
    Invalid,

    /// <summary>A new script was refused: there are Limits:MaxScripts already. Nothing was written.</summary>
    LimitReached,

    /// <summary>The key is limited to other servers or names (the error says which). Nothing was written.</summary>
    Forbidden,
}

/// <summary>The answer to one change, given only after it is committed (or refused, with nothing written).</summary>
public sealed record WriteResult(WriteOutcome Outcome, Script? Script = null, IReadOnlyList<FieldError>? Errors = null, int Count = 0)
{
    public static readonly WriteResult NotFound = new(WriteOutcome.NotFound);
    public static readonly WriteResult LimitReached = new(WriteOutcome.LimitReached);

    public static WriteResult Invalid(IReadOnlyList<FieldError> errors) => new(WriteOutcome.Invalid, Errors: errors);

    public static WriteResult Forbidden(FieldError outside) => new(WriteOutcome.Forbidden, Errors: [outside]);
}
