using System.Runtime.CompilerServices;

namespace Scripto.Tests.Shared;

internal static class TestAssemblySetup
{
    /// <summary>
    /// Many real hosts start in parallel here, and each watches its settings files. Linux allows a user 128
    /// inotify instances, which they exhaust; polling watchers need none.
    /// </summary>
    [ModuleInitializer]
    internal static void UsePollingFileWatchers() =>
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
