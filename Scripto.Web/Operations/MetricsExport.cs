using System.Diagnostics.Metrics;
using System.Text;
using System.Text.RegularExpressions;
using Prometheus;
using Scripto.Core.Writing;

namespace Scripto.Web.Operations;

/// <summary>
/// This app's instruments of the <see cref="ReportMetrics.MeterName"/> meter, exported in Prometheus' format by
/// prometheus-net into a registry of this app's own (two apps in one process, as in the tests, do not mix).
/// prometheus-net exports a .NET counter with the gauge type, and forgets a series not updated for a day. The
/// reports, counted on every request, skip the adapter (<see cref="ReportMetrics.ExportTo"/>).
/// </summary>
public sealed partial class MetricsExport : IDisposable
{
    private readonly IDisposable _adapter;

    public MetricsExport(IMeterFactory meters, ReportMetrics reports, CheckpointStalls stalls)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            MetricFactory = Metrics.WithCustomRegistry(Registry),
            // The reports are exported by ReportMetrics itself (ExportTo): counted here too they would show twice.
            InstrumentFilterPredicate = i => i.Meter.Name == ReportMetrics.MeterName && i.Meter.Scope == meters && !ReportMetrics.InstrumentNames.Contains(i.Name),
            ResolveHistogramBuckets = _ => ReportMetrics.LatencyBuckets,
            MetricsExpireAfter = TimeSpan.FromDays(1), // the longest prometheus-net allows
        });
        reports.ExportTo(Metrics.WithCustomRegistry(Registry));
        stalls.StartAtZero();
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>
    /// The registry's text, its HELP lines as the instruments' descriptions say them: prometheus-net's adapter adds the
    /// unit before ("(s) ") and the .NET type after (" (Counter`1)"), which tell an operator nothing.
    /// </summary>
    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        using var text = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(text, cancellationToken);
        var plain = AdapterNoise().Replace(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length), "$1$2");
        await body.WriteAsync(Encoding.UTF8.GetBytes(plain), cancellationToken);
    }

    [GeneratedRegex(@"^(# HELP \S+ )(?:\([^)\n]*\) )?(.*?)(?: \([A-Za-z]+`\d\))?$", RegexOptions.Multiline)]
    private static partial Regex AdapterNoise();

    public void Dispose() => _adapter.Dispose();
}
