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
}
