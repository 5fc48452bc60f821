using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

/// <summary>/metrics' HELP lines are sentences for the operator, not .NET type names.</summary>
public sealed class MetricsHelpTests : ApiTest
{
    [Fact]
    public async Task Every_help_line_reads_as_words_without_a_dotnet_type_name()
    {
        await Client.CreateScriptAsync(new { name = "backup.sh", status = 1 });

        var text = await Client.GetStringAsync("/metrics");

        var help = text.Split('\n').Where(l => l.StartsWith("# HELP ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(help);
        Assert.All(help, l => Assert.DoesNotMatch(@"System\.|`1|Counter<|Histogram<|UpDownCounter|ObservableGauge|Int64|Double", l));
    }
}
