namespace Scripto.Core.Scripts;

/// <summary>One thing wrong with a request, named by its field as the API spells it.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"'{Field}' {Message}";
}
