using System.Globalization;
using System.Text;

namespace Scripto.Web.Operations;

/// <summary>Writes Prometheus' text exposition format (version 0.0.4).</summary>
public sealed class PrometheusText(TextWriter writer)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public Task FamilyAsync(string name, string type, string help) =>
        writer.WriteAsync($"# HELP {name} {help}\n# TYPE {name} {type}\n");

    public Task SampleAsync(string name, double value, params (string Name, string Value)[] labels)
    {
        var line = new StringBuilder(name);
        if (labels.Length > 0)
        {
            line.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            line.Append('}');
        }
        line.Append(' ').Append(Format(value)).Append('\n');
        return writer.WriteAsync(line.ToString());
    }

    // Label values may hold anything a script's name holds: backslash, quote and newline must be escaped.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
