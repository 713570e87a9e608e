using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>What a message says about the shopper's situation, wherever in the message it stands.</summary>
public sealed class EntitiesTests
{
    [Theory]
    [InlineData("a gift for my mum under 50 euros", null, "50")]
    [InlineData("anything cheaper, like 20-30?", "20", "30")]
    [InlineData("between 20 and 30 euros please", "20", "30")]
    [InlineData("headphones under €100", null, "100")]
    [InlineData("less than 75 eur", null, "75")]
    [InlineData("something cheap for my nephew", null, "40")]
    [InlineData("a laptop over 1000 euros", "1000", null)]
    [InlineData("where is my order W100001", null, null)]
    [InlineData("shoes in size 44", null, null)]
    public void Budget(string text, string? min, string? max)
    {
        var e = Entities.Read(text);
        Assert.Equal(min, e.BudgetMin?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(max, e.BudgetMax?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Shipping to Austria?", "AT")]
    [InlineData("do you deliver to the united kingdom", "GB")]
    [InlineData("how much is delivery to AT", "AT")]
    [InlineData("I'm at home in the evening", null)]
    [InlineData("is it in stock", null)]
    public void Country(string text, string? country) => Assert.Equal(country, Entities.Read(text).Country);

    [Theory]
    [InlineData("do you have Cloudrunner in 44?", "44")]
    [InlineData("the jacket in size M", "M")]
    [InlineData("in XL please", "XL")]
    [InlineData("delivery in 2 days", null)]
    [InlineData("a gift for 20 euros", null)]
    public void Size(string text, string? size) => Assert.Equal(size, Entities.Read(text).Size);

    [Theory]
    [InlineData("my email is Anna.Schmidt@Example.com", "anna.schmidt@example.com", null)]
    [InlineData("the postcode is 04109", null, "04109")]
    [InlineData("8010", null, "8010")]
    [InlineData("where is W100001", null, null)]
    public void Email_and_postcode(string text, string? email, string? postcode)
    {
        var e = Entities.Read(text);
        Assert.Equal(email, e.Email);
        Assert.Equal(postcode, e.Postcode);
    }

    [Theory]
    [InlineData("can I use the code welcome10?", "WELCOME10")]
    [InlineData("is SUMMER20 still valid", "SUMMER20")]
    [InlineData("where is W100001", null)]
    public void Discount_code(string text, string? code) => Assert.Equal(code, Entities.Read(text).Code);

    [Fact]
    public void The_budget_is_cut_from_a_search()
    {
        Assert.Equal("a gift for my mum", Entities.WithoutBudget("a gift for my mum under 50 euros"));
        Assert.Equal("headphones", Entities.WithoutBudget("cheap headphones"));
    }
}
