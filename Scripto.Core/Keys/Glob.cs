namespace Scripto.Core.Keys;

/// <summary><c>*</c> matches any run of characters (none included), <c>?</c> exactly one; everything else itself.</summary>
public static class Glob
{
    public static bool Matches(ReadOnlySpan<char> glob, ReadOnlySpan<char> text)
    {
        // The classic walk without recursion: on a mismatch, the last '*' swallows one more character (at worst
        // glob × text steps, a few thousand for the longest name).
        int g = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (g < glob.Length && glob[g] == '*') { star = g++; mark = t; }
            else if (g < glob.Length && (glob[g] == '?' || glob[g] == text[t])) { g++; t++; }
            else if (star >= 0) { g = star + 1; t = ++mark; }
            else return false;
        }
        while (g < glob.Length && glob[g] == '*') g++;
        return g == glob.Length;
    }
}
