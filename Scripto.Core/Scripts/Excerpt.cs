namespace Scripto.Core.Scripts;

/// <summary>
/// What an error message quotes of something a client sent: at most a few dozen characters, marked where cut, so
/// that a problem naming a field stays one readable line however long the input was.
/// </summary>
public static class Excerpt
{
    public static string Of(string text, int max = 40) => text.Length <= max ? text : text[..max] + "…";
}
