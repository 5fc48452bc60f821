using System.Text.RegularExpressions;

using Scripto.Tests.Shared;

namespace Scripto.Tests.Deploy;

/// <summary>
/// The published app run as deploy/scripto.service runs it: its own process, Production, on loopback, its SQLite file in
/// its data directory (the working directory, as /var/lib/scripto is).
/// </summary>
internal sealed partial class PublishedScripto : IDisposable
{
    private readonly ChildProcess _process;

    private PublishedScripto(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PublishedScripto> StartAsync(string published, string dataDirectory)
    {
        // Port 0: Kestrel picks a free one and says which, so nothing can take it in between.
        var process = Start(published, dataDirectory, "--urls", "http://127.0.0.1:0");
        try
        {
            var listening = await process.WaitForOutputAsync(ListeningOn(), TimeSpan.FromSeconds(30));
            return new PublishedScripto(process, new Uri(listening.Groups[1].Value));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Starts the published app with these arguments and the unit's environment, from the data directory.</summary>
    public static ChildProcess Start(string published, string dataDirectory, params string[] arguments) =>
        new("dotnet", [Path.Combine(published, "Scripto.Web.dll"), .. arguments], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Scripto"] = $"Data Source={Path.Combine(dataDirectory, "scripto.db")}",
            ["HOME"] = dataDirectory,
        }, dataDirectory);

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
