using MailKit.Security;

namespace Scripto.Core.Notifications.Email;

/// <summary>Notifications:Smtp:Security: None, StartTls or Tls; unset means STARTTLS when the server offers it.</summary>
public static class SmtpSecurity
{
    public static readonly IReadOnlyList<string> Names = ["None", "StartTls", "Tls"];

    public static SecureSocketOptions Parse(string? security) => security?.Trim().ToLowerInvariant() switch
    {
        null or "" => SecureSocketOptions.StartTlsWhenAvailable,
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentException($"Notifications:Smtp:Security must be one of {string.Join(", ", Names)}, not \"{security}\".", nameof(security)),
    };

    public static bool IsValid(string? security) =>
        string.IsNullOrWhiteSpace(security) || Names.Contains(security.Trim(), StringComparer.OrdinalIgnoreCase);
}
