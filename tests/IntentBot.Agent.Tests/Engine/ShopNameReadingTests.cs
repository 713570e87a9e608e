using IntentBot.Agent.Engine;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Shop;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>Which words of a message count as the shop's names, on the committed sample catalog.</summary>
public sealed class ShopNameReadingTests
{
    private static readonly IReadOnlyList<Product> Catalog = IntentBot.Shop.Sample.SeedLoader
        .Load(Path.Combine(AgentHarness.RepoRoot, "data", "shop"), DateOnly.FromDateTime(DateTime.UtcNow)).Products;

    /// <summary>The names found in the text when the search returned the products of these brands or titles.</summary>
    private static string[] Names(string text, params string[] productNames) =>
        [.. ShopNameReading.NameWords(text, Catalog.Where(p => productNames.Any(n => p.Name.Contains(n, StringComparison.Ordinal) || p.Brand == n)))
            .Select(w => w.Word)];

    [Fact]
    public void A_one_word_brand_is_a_name_in_any_case()
    {
        Assert.Equal(["Ferro"], Names("is the Ferro pan induction compatible", "Ferro"));
        Assert.Equal(["ferro"], Names("is the ferro pan induction compatible", "Ferro"));
        Assert.Equal(["Ridgeline"], Names("Ridgeline tent - does it fit 3?", "Ridgeline 2-Person Tent"));
    }

    [Fact]
    public void Title_words_and_words_of_longer_brands_are_names_only_when_capitalised_mid_sentence()
    {
        Assert.Equal(["Meeple", "House"], Names("is the Meeple House game good for 2 players", "Meeple House"));
        Assert.Empty(Names("do you sell books on the history of the house", "Meeple House", "Quill Books"));
        // "tent" is in the title, but written in lower case it is the customer's ordinary word.
        Assert.Equal(["Ridgeline"], Names("does the Ridgeline tent fit 3 people", "Ridgeline 2-Person Tent"));
        // The first word of a sentence and an all-caps message say nothing about names.
        Assert.Empty(Names("Tent for 3 people? House rules?", "Ridgeline 2-Person Tent", "Meeple House"));
        Assert.Equal(["RIDGELINE"], Names("IS THE RIDGELINE TENT WATERPROOF", "Ridgeline 2-Person Tent"));
    }

    [Fact]
    public void Short_words_numbers_and_search_stop_words_are_never_names()
    {
        Assert.Empty(Names("is the 4 any good", "Lumen Zen 4"));
    }

    [Fact]
    public void Cutting_the_names_leaves_the_rest_of_the_message_readable()
    {
        const string text = "is the Meeple House game good for 2 players?";
        var names = ShopNameReading.NameWords(text, Catalog.Where(p => p.Brand == "Meeple House"));
        Assert.Equal("is the game good for 2 players?", ShopNameReading.Without(text, names));
        const string emoji = "hi 👋 the Ferro pan?";
        Assert.Equal("hi 👋 the pan?", ShopNameReading.Without(emoji, ShopNameReading.NameWords(emoji, Catalog.Where(p => p.Brand == "Ferro"))));
    }
}
