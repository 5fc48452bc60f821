using System.Security.Cryptography;
using System.Text;

namespace Scripto.Core.Notifications.Formats;

/// <summary>Standard Webhooks signing: <c>v1,</c> + base64 of HMAC-SHA256(key, "{id}.{timestamp}.{body}").</summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";

    public static string Sign(string secret, string id, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed));
    }

    /// <summary>
    /// A <c>whsec_</c> secret is the spec's serialized form: the key is its base64 remainder decoded. Any other string
    /// is used as its UTF-8 bytes, so a receiver given the same string can verify with any HMAC library.
    /// </summary>
    public static byte[] Key(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return Encoding.UTF8.GetBytes(secret);
        try
        {
            return Convert.FromBase64String(secret[SecretPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw new ArgumentException("A whsec_ secret must be followed by base64.", nameof(secret));
        }
    }

    /// <summary>Whether <paramref name="secret"/> can sign: a whsec_ secret must hold base64.</summary>
    public static bool IsValidSecret(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return secret.Length > 0;
        Span<byte> ignored = stackalloc byte[secret.Length];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], ignored, out var written) && written > 0;
    }
}
