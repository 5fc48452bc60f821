namespace Scripto.Core.Notifications;

/// <summary>Notifications' settings (appsettings.json: Notifications:*, Scripto:PublicUrl).</summary>
public sealed class NotificationOptions
{
    /// <summary>Notifications:Smtp: the server email channels send through.</summary>
    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>Scripto:PublicUrl: the base of links to script pages; unset, the address requests came to.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Notifications:FlapLimit: more status changes than this of one script in an hour is flapping.</summary>
    public int FlapLimit { get; init; } = 6;

    /// <summary>What is wrong with these settings, one sentence each naming the setting; none when they can be used.</summary>
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
