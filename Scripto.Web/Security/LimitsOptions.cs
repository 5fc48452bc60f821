using Scripto.Core;
using Scripto.Web.Hosting;

namespace Scripto.Web.Security;

/// <summary>
/// The web host's <c>Limits</c>: live connections per address, and the request rates (RateLimits). Limits:MaxScripts
/// is Core's (<see cref="ScriptoOptions"/>).
/// </summary>
public sealed class LimitsOptions : ISettings
{
    private const string Requests = "a whole number of requests, at least 1";

    public static string Section => "Limits";

    /// <summary>How many live dashboards (/_blazor) one address may hold open at once (CircuitGate).</summary>
    [MustBe("a whole number of at least 1")]
    public int CircuitsPerAddress { get; set; } = 100;

    /// <summary>Requests a second per key; the default stays above what one busy host or a benchmark sends.</summary>
    [MustBe(Requests)]
    public int PerKeyPerSecond { get; set; } = 25_000;

    /// <summary>Requests a second per address, for requests without a key.</summary>
    [MustBe(Requests)]
    public int PerAddressPerSecond { get; set; } = 25_000;

    /// <summary>Sign-in and setup form posts a minute per address.</summary>
    [MustBe(Requests)]
    public int SignInsPerMinute { get; set; } = 10;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(CircuitsPerAddress, nameof(CircuitsPerAddress), "a whole number of at least 1");
        Check(PerKeyPerSecond, nameof(PerKeyPerSecond), Requests);
        Check(PerAddressPerSecond, nameof(PerAddressPerSecond), Requests);
        Check(SignInsPerMinute, nameof(SignInsPerMinute), Requests);
        return problems;

        void Check(int value, string key, string what)
        {
            if (value < 1) problems.Add($"{Section}:{key} must be {what}, not '{value}'.");
        }
    }
}
