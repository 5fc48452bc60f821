using Scripto.Web.Hosting;

namespace Scripto.Tests.Hosting;

/// <summary>A published install serves its static files from beside its binaries, wherever it is started from.</summary>
public sealed class ContentRootTests
{
    [Fact]
    public void A_published_install_serves_from_beside_its_binaries_and_a_build_from_the_working_directory()
    {
        var published = Directory.CreateTempSubdirectory("scripto-published-");
        var build = Directory.CreateTempSubdirectory("scripto-build-");
        try
        {
            Directory.CreateDirectory(Path.Combine(published.FullName, "wwwroot"));

            Assert.Equal(published.FullName, ContentRoot.BesideBinaries(published.FullName));
            Assert.Null(ContentRoot.BesideBinaries(build.FullName));
        }
        finally
        {
            published.Delete(recursive: true);
            build.Delete(recursive: true);
        }
    }
}
