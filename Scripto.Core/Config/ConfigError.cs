namespace Scripto.Core.Config;

/// <summary>One thing wrong with a configuration file: where (the line, and the field's path such as <c>scripts[3].grace</c>) and what.</summary>
public sealed record ConfigError(string Path, string Message, int? Line = null)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Path} {Message}" : $"{Path} {Message}";
}

/// <summary>A file that could not even be read as YAML or JSON; nothing was written.</summary>
public sealed class ConfigSyntaxException(string message, int? line) : Exception(message)
{
    public int? Line => line;
}
