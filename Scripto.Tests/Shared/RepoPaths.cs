namespace Scripto.Tests.Shared;

/// <summary>Where things are in the repository, for tests that run its files as real processes.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The app as built alongside these tests (same configuration), to run with <c>dotnet</c>.</summary>
    public static string WebDll
    {
        get
        {
            // The tests run from Scripto.Tests/bin/{Configuration}/{tfm}/.
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(Root, "Scripto.Web", "bin", tfmDir.Parent!.Name, tfmDir.Name, "Scripto.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build Scripto.Web first", path);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scripto.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("No Scripto.sln above " + AppContext.BaseDirectory);
    }
}
