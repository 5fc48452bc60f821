using Microsoft.Extensions.Configuration;

namespace Scripto.Core.Notifications;

/// <summary>Notifications' settings (appsettings.json: Notifications:*, Scripto:PublicUrl).</summary>
public sealed class NotificationOptions : ISettings
{
    /// <summary>Bound from the root: each property names its key.</summary>
    public static string Section => "";

    /// <summary>Notifications:Smtp: the server email channels send through.</summary>
    [ConfigurationKeyName("Notifications:Smtp")]
    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>Scripto:PublicUrl: the base of links to script pages; unset (or empty), the address requests came to.</summary>
    [ConfigurationKeyName("Scripto:PublicUrl")]
    public string? PublicUrl { get; init => field = string.IsNullOrEmpty(value) ? null : value; }

    /// <summary>Notifications:FlapLimit: more status changes than this of one script in an hour is flapping.</summary>
    [ConfigurationKeyName("Notifications:FlapLimit")]
    public int FlapLimit { get; init; } = 6;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (FlapLimit < 1) problems.Add($"Notifications:FlapLimit must be at least 1, not {FlapLimit}.");
        if (PublicUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            problems.Add($"Scripto:PublicUrl must be an http or https URL such as https://scripto.example.com, not '{url}'.");
        if (!Email.SmtpSecurity.IsValid(Smtp.Security))
            problems.Add($"Notifications:Smtp:Security must be one of {string.Join(", ", Email.SmtpSecurity.Names)}, not '{Smtp.Security}'.");
        return problems;
    }
}
