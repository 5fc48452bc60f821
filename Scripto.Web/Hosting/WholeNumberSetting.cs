namespace Scripto.Web.Hosting;

/// <summary>A setting that holds a whole number, read the one way every such setting is, with the same message.</summary>
internal static class WholeNumberSetting
{
    public static int Read(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (text is null) return fallback;
        return int.TryParse(text, out var value) ? value : throw new ArgumentException($"{key} must be a whole number, not '{text}'.");
    }
}
