namespace Scripto.Tests.Robustness;

/// <summary>
/// Tests that time whole starts of Scripto.Web.dll in processes of their own: run alone, after the parallel tests,
/// so that a start's time is its own and not the rest of the suite's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStartCollection
{
    public const string Name = "Process starts";
}
