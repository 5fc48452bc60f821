using System.Security.Cryptography;

namespace Scripto.Web.Security;

/// <summary>
/// The one-time code that lets the first admin be created from another machine (as from Jenkins' first start):
/// printed in the log while nobody can sign in, never stored.
/// </summary>
public sealed class SetupCode
{
    public string Value { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented.Trim()), System.Text.Encoding.UTF8.GetBytes(Value));
}
