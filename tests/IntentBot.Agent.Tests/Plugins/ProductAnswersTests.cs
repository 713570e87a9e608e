using IntentBot.Agent.Plugins;
using IntentBot.Shop.Sample;

namespace IntentBot.Agent.Tests.Plugins;

/// <summary>Questions about one product answered from its own record.</summary>
public sealed class ProductAnswersTests
{
    private static readonly SampleShop Shop = SampleShop.Load(PluginKernel.SeedPath, new ManualClock(PluginKernel.Now));

    [Theory]
    [InlineData("P1003", "do you have it in size 44?", "comes in size 44")]
    [InlineData("P1003", "in size 47?", "doesn't come in size 47")]
    [InlineData("P1004", "what's it made of?", "Recycled nylon")]
    [InlineData("P1004", "how much is it?", "149.00")]
    [InlineData("P1004", "is it waterproof", "Yes, the Northwind Stormshell")]
    [InlineData("P1002", "is it in stock?", "out of stock")]
    [InlineData("P1006", "is it compatible with my phone", "iPhone 15")]
    public async Task Answers_from_the_record(string id, string question, string expected)
    {
        var product = (await Shop.GetProductAsync(id))!;
        Assert.Contains(expected, ProductAnswers.Answer(product, question), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_about_nothing_on_record_gets_null()
    {
        var product = (await Shop.GetProductAsync("P1001"))!;
        Assert.Null(ProductAnswers.Answer(product, "would my dad like it"));
    }
}
