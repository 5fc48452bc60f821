using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Scripto.Web.Security;

/// <summary>
/// Refuses the passwords guessed first: the most common ones (CommonPasswords.txt, also with digits and symbols
/// around them or letters swapped for look-alikes), one short part repeated (<c>aaaaaaaaaaaa</c>,
/// <c>abcabcabcabc</c>), a straight run (<c>123456789012</c>, <c>abcdefghijkl</c>) and the user's own name. Registered
/// with Identity, so every password set anywhere (setup, settings, the users page) passes through it.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<IdentityUser>
{
    private const int MinDistinct = 5;

    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(Problem(password ?? "", user.UserName) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = problem })
            : IdentityResult.Success);

    /// <summary>Why this password is too easy to guess; null when it is not.</summary>
    public static string? Problem(string password, string? userName)
    {
        if (password.Length < 2) return null; // Identity's length rule answers that
        var lower = password.ToLowerInvariant();
        var core = Unleet(lower.Trim(Padding)); // "P@ssw0rd2024!" is "password"
        if (lower.Distinct().Count() < MinDistinct || RepeatsItself(lower) || RepeatsItself(core))
            return "This password repeats a few characters: choose one that does not (a few unrelated words work well).";
        if (StraightRun(lower))
            return "This password is a straight run of characters: choose one that is not.";
        if (Common.Contains(lower) || Common.Contains(core))
            return "This password is among the most common ones: choose one that is not (a few unrelated words work well).";
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        if (name.Length > 0 && (core == Unleet(name) || (name.Length >= 4 && lower.Contains(name, StringComparison.Ordinal))))
            return "The password must not contain the user name.";
        return null;
    }

    /// <summary>Made of one shorter part said again and again ("passwordpassword").</summary>
    private static bool RepeatsItself(string text)
    {
        if (text.Length < 2) return false;
        for (var period = 1; period <= text.Length / 2; period++)
        {
            if (text.Length % period != 0) continue;
            if (text.AsSpan(period).SequenceEqual(text.AsSpan(0, text.Length - period))) return true;
        }
        return false;
    }

    /// <summary>Each character one after (or one before) the last, digits going round ("7890123...").</summary>
    private static bool StraightRun(string text)
    {
        static int Step(char a, char b) => char.IsAsciiDigit(a) && char.IsAsciiDigit(b) ? (((b - a) % 10 + 10) % 10) switch { 1 => 1, 9 => -1, _ => 0 } : b - a;
        var step = Step(text[0], text[1]);
        if (step is not (1 or -1)) return false;
        for (var i = 2; i < text.Length; i++)
            if (Step(text[i - 1], text[i]) != step) return false;
        return true;
    }

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,;:?'\"~`/\\|<>[]{} ".ToCharArray();

    private static string Unleet(string text) =>
        string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
                span[i] = t[i] switch { '@' or '4' => 'a', '0' => 'o', '1' or '!' => 'i', '3' => 'e', '$' or '5' => 's', '7' => 't', _ => t[i] };
        });

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Scripto.CommonPasswords.txt")!;
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim().ToLowerInvariant());
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
