using System.Security.Cryptography;
using System.Text;

namespace Scripto.Core.Keys;

/// <summary>Making keys and recognising them.</summary>
public static class KeySecret
{
    public const string Marker = "scripto_";
    public const int PrefixLength = 12; // the marker and 4 characters: enough to tell keys apart in a list

    public static string New() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
