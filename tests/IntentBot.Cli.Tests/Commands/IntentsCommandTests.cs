using IntentBot.Cli;

namespace IntentBot.Cli.Tests.Commands;

/// <summary>`intentbot intents check` and `intentbot eval` over a dialogs folder that declares a custom intent.</summary>
public sealed class IntentsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private const string GiftWrapping = """
        intent: gift_wrapping
        category: SHOPPING
        title: Gift wrapping
        example: can you gift wrap my order
        examples:
          - can you gift wrap my order
          - do you offer gift wrapping
          - I'd like this wrapped as a present
          - is gift wrap available at checkout
          - can you add a gift message and wrapping paper
          - please wrap it as a birthday present
          - can the parcel come gift wrapped with a ribbon
          - do you have christmas wrapping paper for presents
        responses:
          - text: We gift-wrap any order for €3.50.
        """;

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--model", RepositoryPaths.DefaultModel], TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Check_prints_the_cross_validated_confusion_table_of_the_examples()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "gift_wrapping.yaml"), GiftWrapping);
        var (code, output, error) = await Run("intents", "check", "--dialogs", _temp.Path);
        Assert.True(code == 0, error);
        Assert.Contains("gift_wrapping (8 examples)", output, StringComparison.Ordinal);
        Assert.Matches(@"expected \\ read as\s+gift_wrapping\s+built-in\s+out of scope", output);
        Assert.Matches(@"(?m)^gift_wrapping\s+\d+\s+\d+\s+\d+\s*$", output);
        Assert.Matches(@"(?m)^\(built-in\)\s+\d+\s+\d+\s+\d+\s*$", output);
        Assert.Matches(@"Examples read as their intent: \d+/8", output);
    }

    [Fact]
    public async Task Check_fails_with_the_phrases_to_fix_when_an_intent_has_too_few_examples()
    {
        var few = string.Join('\n', GiftWrapping.Split('\n').Where(l => !l.Contains("present", StringComparison.Ordinal) && !l.Contains("ribbon", StringComparison.Ordinal)));
        File.WriteAllText(Path.Combine(_temp.Path, "gift_wrapping.yaml"), few);
        var (code, output, _) = await Run("intents", "check", "--dialogs", _temp.Path);
        Assert.Equal(1, code);
        Assert.Contains("error    gift_wrapping.yaml: examples: gift_wrapping has 4 different examples, it needs at least 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_scores_custom_intent_labels()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "gift_wrapping.yaml"), GiftWrapping);
        var data = Path.Combine(_temp.Path, "data.csv");
        File.WriteAllText(data, "text,intent\ndo you do present wrapping,gift_wrapping\ncould you wrap it up as a gift for me,gift_wrapping\nwhere is my order W100001,track_order\n");
        var (code, output, error) = await Run("eval", "--data", data, "--text-column", "text", "--label-column", "intent", "--task", "intent", "--dialogs", _temp.Path);
        Assert.True(code == 0, error);
        Assert.DoesNotContain("not known to the model", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+gift_wrapping\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+2\s", output);
    }
}
