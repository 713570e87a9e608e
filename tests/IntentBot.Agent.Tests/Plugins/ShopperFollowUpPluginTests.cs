using IntentBot.Agent.Plugins;
using IntentBot.Shop.Rules;
using IntentBot.Shop.Sample;

namespace IntentBot.Agent.Tests.Plugins;

/// <summary>
/// What the shopper test found wrong in the plugins: a colour or size follow-up answered for the product under
/// discussion, a price stated only for the product named, and codes judged by their real conditions.
/// </summary>
public sealed class ShopperFollowUpPluginTests
{
    private static readonly ManualClock Clock = new(PluginKernel.Now);
    private static readonly SampleShop Shop = SampleShop.Load(PluginKernel.SeedPath, Clock);
    private static readonly PromotionsPlugin Promotions = new(Shop, Shop, Clock, Shop, orders: Shop, catalog: Shop);

    [Theory]
    [InlineData("P1004", "in black?", "only comes in Navy")]
    [InlineData("P1004", "does it come in red", "only comes in Navy")]
    [InlineData("P1004", "in navy?", "Yes, the Northwind Stormshell Waterproof Rain Jacket comes in Navy")]
    [InlineData("P1004", "and XL?", "comes in size XL")]
    [InlineData("P1004", "L?", "comes in size L")]
    [InlineData("P1003", "45 then", "comes in size 45")]
    [InlineData("P1003", "47 then", "doesn't come in size 47")]
    [InlineData("P1003", "do you have that in black", "only comes in Blue")]
    public async Task A_colour_or_size_alone_is_answered_for_the_product(string id, string message, string expected)
    {
        var product = (await Shop.GetProductAsync(id))!;
        Assert.Contains(expected, ProductAnswers.FollowUp(product, message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("do you have running shoes in black")]
    [InlineData("how much is it")]
    [InlineData("is it in stock")]
    [InlineData("what about headphones")]
    public void A_message_that_says_more_than_a_colour_or_size_is_no_such_follow_up(string message) =>
        Assert.False(ProductAnswers.IsAttributeFollowUp(message));

    [Fact]
    public async Task A_number_is_no_size_for_a_product_sized_in_letters()
    {
        var jacket = (await Shop.GetProductAsync("P1004"))!;
        Assert.Null(ProductAnswers.FollowUp(jacket, "45 then"));
    }

    [Theory]
    [InlineData("iphone 16", false)]
    [InlineData("milano espresso machine", true)]
    [InlineData("sonora quietpro", true)]
    [InlineData("noise cancelling headphones", true)]
    public async Task A_price_is_stated_only_for_the_product_named(string query, bool exact)
    {
        var reply = await new CatalogPlugin(Shop).NamedAsync(query);
        Assert.True(reply.Ok);
        Assert.Equal(exact ? "exact" : "closest", reply.Code);
        if (!exact)
        {
            Assert.DoesNotContain("costs", reply.Text, StringComparison.Ordinal);
            Assert.Contains("don't sell", reply.Text, StringComparison.Ordinal);
            foreach (var suggestion in reply.Data!.Products)
                Assert.False(NameMatch.Covers((await Shop.GetProductAsync(suggestion.Id))!, query));
        }
    }

    [Fact]
    public async Task Cheap_asks_for_the_lowest_prices()
    {
        var reply = await new CatalogPlugin(Shop).NamedAsync("headphones", question: "need headphones cheap");
        Assert.Equal("cheapest", reply.Code);
        var prices = reply.Data!.Products.Select(p => p.Price).ToList();
        Assert.Equal(prices.Order(), prices);
        var all = await Shop.SearchAsync(new IntentBot.Shop.ProductQuery("headphones", InStockOnly: true, Limit: 50));
        Assert.Equal(all.Items.Min(m => m.Product.Price), prices[0]);
    }

    [Fact]
    public async Task A_model_number_must_match()
    {
        var case14 = (await Shop.SearchAsync(new IntentBot.Shop.ProductQuery("Clear Case for iPhone 14", Limit: 1))).Items[0].Product;
        Assert.True(NameMatch.Covers(case14, "iphone 14 case"));
        Assert.False(NameMatch.Covers(case14, "iphone 16"));
    }

    [Fact]
    public async Task A_code_with_a_minimum_spend_is_refused_for_a_smaller_order_said_in_words()
    {
        var reply = await Promotions.CheckCodeAsync("SAVE15", question: "code SAVE15 on a 60 euro order?");
        Assert.False(reply.Ok);
        Assert.StartsWith("No, SAVE15 can't be used", reply.Text, StringComparison.Ordinal);
        Assert.Contains("€100.00", reply.Text, StringComparison.Ordinal);
        Assert.Contains("€60.00", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_that_does_not_work_comes_with_its_conditions()
    {
        var reply = await Promotions.CheckCodeAsync("SUMMER20", question: "my code SUMMER20 doesnt work");
        Assert.True(reply.Ok);
        Assert.Contains("conditions", reply.Text, StringComparison.Ordinal);
        Assert.Contains("only applies to fashion and shoes", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, you can use it", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_order_code_does_not_apply_to_a_customer_who_has_ordered()
    {
        var anna = await Promotions.CheckCodeAsync("WELCOME10", customerId: "c1001"); // subscribes, 8 orders
        Assert.False(anna.Ok);
        Assert.Equal("first_order_only", anna.Code);
        Assert.True((await Promotions.CheckCodeAsync("WELCOME10", customerId: "c1013")).Ok); // subscribes, no orders yet
        Assert.DoesNotContain((await Promotions.ActiveAsync(customerId: "c1001")).Data!, p => p.Code == "WELCOME10");
        Assert.DoesNotContain((await Promotions.OfferAsync("c1001")).Data!, p => p.Code == "WELCOME10");
        Assert.Contains((await Promotions.OfferAsync("c1013")).Data!, p => p.Code == "WELCOME10");
    }

    [Fact]
    public async Task The_code_list_gives_the_year_of_a_date_in_another_year()
    {
        var list = await Promotions.ActiveAsync(customerId: "c1013");
        var welcome = (await Shop.GetByCodeAsync("WELCOME10"))!;
        Assert.NotEqual(PluginKernel.Now.Year, welcome.ValidUntil.Year);
        Assert.Contains($"until {welcome.ValidUntil:d MMMM yyyy}", list.Text, StringComparison.Ordinal);
        var summer = (await Shop.GetByCodeAsync("SUMMER20"))!;
        Assert.Equal(PluginKernel.Now.Year, summer.ValidUntil.Year);
        Assert.Contains($"until {summer.ValidUntil:d MMMM})", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_for_a_subcategory_are_the_codes_for_its_category()
    {
        var shoes = await Promotions.ActiveAsync(category: "Running Shoes");
        Assert.StartsWith("For running shoes you can use", shoes.Text, StringComparison.Ordinal);
        Assert.Contains(shoes.Data!, p => p.Code == "SUMMER20");
        Assert.DoesNotContain(shoes.Data!, p => p.Code == "BOOKWORM15");
        Assert.Contains((await Promotions.ActiveAsync(category: "books")).Data!, p => p.Code == "BOOKWORM15");
    }

    [Fact]
    public async Task A_product_asked_about_is_the_cart_a_code_is_judged_by()
    {
        var milano = (await Shop.SearchAsync(new IntentBot.Shop.ProductQuery("Milano Espresso Machine", Limit: 1))).Items[0].Product;
        Assert.True(milano.Price >= 100m);
        Assert.Contains((await Promotions.OfferAsync(null, productId: milano.Id)).Data!, p => p.Code == "SAVE15");
    }
}
