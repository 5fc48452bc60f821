namespace Scripto.Core.Scripts;

/// <summary>A field that a request may leave out: absent is not the same as null.</summary>
public readonly record struct Optional<T>(bool IsPresent, T Value)
{
    public static Optional<T> Absent => default;

    public static implicit operator Optional<T>(T value) => new(true, value);
}
