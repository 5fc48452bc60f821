using Scripto.Web.Formatting;

namespace Scripto.Tests.Formatting;

public sealed class AnsiTextTests
{
    [Fact]
    public void Colour_codes_become_classes_and_a_reset_ends_them()
    {
        var spans = AnsiText.Parse("ok \u001b[31mFAILED\u001b[0m then \u001b[1;92mdone\u001b[m.");

        Assert.Equal(
            [new("ok ", null), new("FAILED", "ansi-fg-1"), new(" then ", null), new("done", "ansi-fg-10 ansi-bold"), new(".", null)],
            spans);
    }

    [Fact]
    public void Other_escape_sequences_are_dropped_not_shown_as_garbage()
    {
        Assert.Equal("progress 100%\ndone", AnsiText.Strip("progress \u001b[2K\u001b[1G100%\u001b]0;title\u0007\ndone"));
    }

    [Fact]
    public void Plain_output_is_one_span_as_it_came()
    {
        Assert.Equal([new AnsiSpan("a < b & c\n", null)], AnsiText.Parse("a < b & c\n"));
    }
}
