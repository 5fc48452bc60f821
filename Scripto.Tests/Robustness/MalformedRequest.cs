using System.Text;

namespace Scripto.Tests.Robustness;

/// <summary>
/// One request that must be refused: exactly what goes on the wire, the status it must get, and a word the
/// problem's detail must hold (the field, or what was wrong). {id} in the target is an existing script.
/// </summary>
public sealed record MalformedRequest(string Method, string Target, string? ContentType, byte[]? Body, int Status, string Names)
{
    public const string Json = "application/json";

    public static MalformedRequest Post(string target, string? contentType, byte[]? body, int status, string names) =>
        new("POST", target, contentType, body, status, names);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>JSON text around raw bytes that no string can hold (invalid UTF-8).</summary>
    public static byte[] Raw(string before, byte[] bytes, string after) => [.. Utf8(before), .. bytes, .. Utf8(after)];

    public override string ToString()
    {
        var body = Body is null ? "" : " " + Encoding.UTF8.GetString(Body);
        var shown = $"{Method} {Target}{body}";
        return shown.Length <= 120 ? shown : shown[..120] + $"… ({Target.Length + (Body?.Length ?? 0)} bytes)";
    }
}
