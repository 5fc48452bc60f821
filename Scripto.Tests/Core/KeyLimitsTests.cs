using Scripto.Core.Keys;

namespace Scripto.Tests.Core;

public sealed class KeyLimitsTests
{
    [Theory]
    [InlineData("db-*", "db-1", true)]
    [InlineData("db-*", "db-", true)]
    [InlineData("db-*", "web-1", false)]
    [InlineData("db-?", "db-12", false)]
    [InlineData("*.sh", "/opt/jobs/backup.sh", true)]
    [InlineData("*b*", "*ab", true)]
    [InlineData("backup.sh", "backup.sh", true)]
    [InlineData("backup.sh", "Backup.sh", false)] // case counts, as it does between two scripts
    [InlineData("backup.sh", "backup.sh.old", false)]
    [InlineData("*", "", true)]
    public void A_glob_matches_as_a_shell_would(string glob, string text, bool matches) =>
        Assert.Equal(matches, Glob.Matches(glob, text));

    [Fact]
    public void A_key_limited_to_servers_covers_any_name_on_those_servers_only()
    {
        var limits = KeyLimits.Parse("db-*, web-1", null);

        Assert.True(limits.Covers("anything", "db-2"));
        Assert.True(limits.Covers("anything", "web-1"));
        Assert.False(limits.Covers("anything", "web-2"));
        Assert.False(limits.Covers("anything", ""));
    }

    [Fact]
    public void A_key_limited_on_both_sides_needs_both_to_match()
    {
        var limits = KeyLimits.Parse("db-*", "backup*");

        Assert.True(limits.Covers("backup.sh", "db-1"));
        Assert.False(limits.Covers("cleanup.sh", "db-1"));
        Assert.False(limits.Covers("backup.sh", "web-1"));
    }

    [Fact]
    public void A_refusal_names_the_field_that_is_outside_and_the_limits()
    {
        var limits = KeyLimits.Parse("db-*", "backup*");

        Assert.Equal(new("server", "'web-1' is not among this key's servers (db-*)"), limits.Refusal("backup.sh", "web-1"));
        Assert.Equal("name", limits.Refusal("cleanup.sh", "db-1")!.Field);
        Assert.Null(limits.Refusal("backup.sh", "db-1"));
    }

    [Fact]
    public void Blank_limits_are_no_limits()
    {
        Assert.True(KeyLimits.Parse(" , ", "").IsNone);
        Assert.Same(KeyLimits.None, KeyLimits.Parse(null, null));
    }

    [Fact]
    public void Only_a_report_key_can_be_limited()
    {
        Assert.Throws<ArgumentException>(() => ApiKeys.CheckedLimits(Scopes.Admin, "db-*", null));
        Assert.Throws<ArgumentException>(() => ApiKeys.CheckedLimits(Scopes.Read, null, "backup*"));
        Assert.False(ApiKeys.CheckedLimits(Scopes.Report | Scopes.Read, "db-*", null).IsNone);
        Assert.True(new ApiKey { Scopes = Scopes.Admin, ServerGlobs = "db-*" }.Limits.IsNone); // an admin key is never limited
    }
}
