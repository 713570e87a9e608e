using IntentBot.Nlu.Tokenization;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>Links, mentions, '#' and sign-offs that channels add are not part of what the model reads.</summary>
public sealed class SocialMarkupTests
{
    [Theory]
    [InlineData("@ShopHelp my parcel never came https://t.co/x8Yh2kd", "my parcel never came")]
    [InlineData("@ShopHelp: where is my order? ^JK", "where is my order?")]
    [InlineData("hey @shop_support can I return shoes #help", "hey can I return shoes help")]
    [InlineData("see www.example.org/faq for the policy?", "see for the policy?")]
    [InlineData("order #100023 never arrived ~AB", "order 100023 never arrived")]
    public void Channel_markup_is_removed(string text, string expected) => Assert.Equal(expected, SocialMarkup.Strip(text));

    [Theory]
    [InlineData("mail me at john.doe+shop@example.co.uk please")]   // an e-mail address is content
    [InlineData("where is my order W100023")]
    [InlineData("C# books?")]
    [InlineData("@")]
    [InlineData("https://shop.example.com/orders/123")]                // nothing would be left: the text stays
    [InlineData("我的包裹在哪里")]
    public void Everything_else_is_left_as_it_is(string text) => Assert.Equal(text, SocialMarkup.Strip(text));

    [Fact]
    public async Task A_tweet_reads_like_the_request_inside_it()
    {
        await using var engine = NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        var results = await engine.ClassifyAsync(["@ShopHelp my parcel never came https://t.co/x8Yh2kd #fail", "my parcel never came fail"]);
        Assert.Equal(results[1].Intent.Label, results[0].Intent.Label);
        Assert.InRange(Math.Abs(results[1].Intent.Confidence - results[0].Intent.Confidence), 0f, Tolerance.Probability);
    }
}
