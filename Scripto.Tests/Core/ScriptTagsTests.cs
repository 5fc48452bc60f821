using Scripto.Core.Scripts;

namespace Scripto.Tests.Core;

public sealed class ScriptTagsTests
{
    [Fact]
    public void Tags_are_trimmed_lower_cased_once_each_and_sorted()
    {
        var (tags, error) = ScriptTags.Parse(" nightly, DB ,db,,backup:full ");

        Assert.Null(error);
        Assert.Equal(["backup:full", "db", "nightly"], tags);
        Assert.Equal("backup:full,db,nightly", ScriptTags.Join(tags));
    }

    [Theory]
    [InlineData("db,has space", "'has space' is not a tag")]
    [InlineData("-db", "'-db' is not a tag")]
    [InlineData("été", "'été' is not a tag")]
    [InlineData("a,b,c,d,e,f,g,h,i,j,k", "must be at most 10 tags")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc", "is longer than 32 characters")]
    public void A_bad_tag_is_named_in_the_error(string text, string expected)
    {
        var (tags, error) = ScriptTags.Parse(text);

        Assert.Empty(tags);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void No_tags_is_empty_and_stored_as_nothing()
    {
        Assert.Empty(ScriptTags.Parse("").Tags);
        Assert.Null(ScriptTags.Parse(" , ").Error);
        Assert.Empty(ScriptTags.Split(""));
    }
}
