using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// Conversations from the shopper test, each message read as the shipped model read it then (scripted, so the
/// engine's handling is tested whatever model ships): follow-ups keep the product, prices are stated only for the
/// product named, codes are judged by their conditions, a recommendation is never empty.
/// </summary>
public sealed class ShopperFollowUpStories
{
    [Fact]
    public async Task A_colour_and_a_size_after_a_stock_answer_stay_with_the_jacket()
    {
        var nlu = Scripted.NewScript()
            .Reads("do u have the stormshell jacket in stock", Reading.Of("stock_availability", 1.0))
            .Reads("in black?", Reading.Of("stock_availability", 0.90).Or("product_inquiry", 0.06))
            .Reads("how much is it", Reading.Of("price_inquiry", 1.0))
            .Reads("size L?", Reading.Of("product_inquiry", 0.59).Or("exchange_item", 0.33))
            .Reads("does it come in red", Reading.Of("product_inquiry", 0.89))
            .Reads("and XL?", Reading.Of("product_inquiry", 0.89));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-jacket");
        (await chat.SayAsync("do u have the stormshell jacket in stock")).Says("Stormshell", "only 4 left");
        (await chat.SayAsync("in black?")).Says("Stormshell", "only comes in Navy").DoesNotSay("Speaker", "392.99");
        (await chat.SayAsync("how much is it")).Says("Stormshell", "149.00");
        (await chat.SayAsync("size L?")).Says("Stormshell", "size L").DoesNotSay("one size only");
        (await chat.SayAsync("does it come in red")).Says("Stormshell", "only comes in Navy").DoesNotSay("Blender");
        (await chat.SayAsync("and XL?")).Says("Stormshell", "size XL").DoesNotSay("Dress");
    }

    [Fact]
    public async Task Another_size_after_one_the_shoe_does_not_come_in()
    {
        var nlu = Scripted.NewScript()
            .Reads("do you have the cloudrunner in 47", Reading.Of("stock_availability", 0.99))
            .Reads("45 then", Reading.OffTopic(0.98));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-shoe");
        (await chat.SayAsync("do you have the cloudrunner in 47")).Says("doesn't come in size 47");
        (await chat.SayAsync("45 then")).Says("Cloudrunner", "comes in size 45").DoesNotSay("can't help");
    }

    [Fact]
    public async Task A_price_is_not_stated_for_a_product_we_do_not_sell()
    {
        var nlu = Scripted.NewScript().Reads("how much is the iphone 16", Reading.Of("price_inquiry", 1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-iphone");
        (await chat.SayAsync("how much is the iphone 16")).Says("don't sell", "iphone 16").DoesNotSay("costs");
    }

    [Fact]
    public async Task A_code_on_a_smaller_order_than_its_minimum_is_refused()
    {
        var nlu = Scripted.NewScript().Reads("code SAVE15 on a 60 euro order?", Reading.Of("promo_code", 1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-save15");
        (await chat.SayAsync("code SAVE15 on a 60 euro order?")).Says("No", "€100.00").DoesNotSay("Yes, you can use it");
    }

    [Fact]
    public async Task A_code_that_does_not_work_is_explained_and_a_bare_code_is_checked()
    {
        var nlu = Scripted.NewScript()
            .Reads("my code SUMMER20 doesnt work", Reading.Of("promo_code", 1.0))
            .Reads("SUMMER20", Reading.OffTopic(0.82));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-summer");
        (await chat.SayAsync("my code SUMMER20 doesnt work")).Says("fashion and shoes", "conditions").DoesNotSay("Yes, you can use it");
        (await chat.SayAsync("SUMMER20")).Says("SUMMER20", "fashion and shoes").DoesNotSay("can't help");
    }

    [Fact]
    public async Task A_first_order_code_is_not_valid_for_a_customer_with_orders()
    {
        var nlu = Scripted.NewScript()
            .Reads("got a coupon for me?", Reading.Of("promo_code", 1.0))
            .Reads("WELCOME10 valid?", Reading.Of("promo_code", 1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("got a coupon for me?")).DoesNotSay("WELCOME10");
        (await chat.SayAsync("WELCOME10 valid?")).Says("first order").DoesNotSay("you can use it");
    }

    [Fact]
    public async Task Discount_follow_ups_are_answered_from_the_promotions()
    {
        var nlu = Scripted.NewScript()
            .Reads("any discount codes?", Reading.Of("promo_code", 1.0))
            .Reads("does it work on shoes", Reading.Of("product_inquiry", 0.99))
            .Reads("FOR BOOKS?", Reading.Of("recommendation", 0.68));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-codes");
        (await chat.SayAsync("any discount codes?")).Says("SUMMER20");
        (await chat.SayAsync("does it work on shoes")).Says("SUMMER20").DoesNotSay("I found", "work shoes");
        (await chat.SayAsync("FOR BOOKS?")).Says("BOOKWORM15").DoesNotSay("top picks");
    }

    [Fact]
    public async Task A_discount_on_a_kind_of_product_or_on_the_product_shown()
    {
        var nlu = Scripted.NewScript()
            .Reads("is there a discount on running shoes", Reading.Of("price_inquiry", 0.9))
            .Reads("how much is the milano espresso machine", Reading.Of("price_inquiry", 0.99))
            .Reads("any deals on it", Reading.Of("price_inquiry", 1.0));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-deals");
        (await chat.SayAsync("is there a discount on running shoes")).Says("SUMMER20").DoesNotSay("costs");
        (await chat.SayAsync("how much is the milano espresso machine")).Says("Milano", "399.00");
        (await chat.SayAsync("any deals on it")).Says("SAVE15").DoesNotSay("couldn't find");
    }

    [Fact]
    public async Task A_vague_gift_request_gets_products_and_a_question()
    {
        var nlu = Scripted.NewScript().Reads("what should i buy my gf for xmas", Reading.Of("recommendation", 0.99));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-gift");
        var reply = await chat.SayAsync("what should i buy my gf for xmas");
        reply.Says("€").DoesNotSay("up to €:", "up to €.");
        Assert.NotEmpty(reply.Cards);
    }

    [Fact]
    public async Task A_recommendation_never_quotes_its_search_words()
    {
        var nlu = Scripted.NewScript()
            .Reads("i want to order a tv", Reading.Of("place_order", 1.0))
            .Reads("actually i want a laptop", Reading.Of("recommendation", 0.67))
            .Reads("under 1000", Reading.OffTopic(0.81));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-laptop");
        (await chat.SayAsync("i want to order a tv")).Says("TV").DoesNotSay("order tv");
        (await chat.SayAsync("actually i want a laptop")).Says("Laptop").DoesNotSay("actually");
        (await chat.SayAsync("under 1000")).Says("Laptop").DoesNotSay("order tv", "actually");
    }

    [Fact]
    public async Task Cheap_headphones_come_cheapest_first_and_a_colour_keeps_to_headphones()
    {
        var nlu = Scripted.NewScript()
            .Reads("need headphones cheap", Reading.Of("price_inquiry", 0.83).Or("recommendation", 0.14))
            .Reads("white?", Reading.Of("product_inquiry", 0.83));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("guest-cheap");
        var cheapest = (await harness.Shop.SearchAsync(new IntentBot.Shop.ProductQuery(Category: "Headphones", InStockOnly: true, Limit: 50)))
            .Items.Select(m => m.Product).MinBy(p => p.Price)!;
        var reply = await chat.SayAsync("need headphones cheap");
        reply.Says("lowest prices", cheapest.Name);
        Assert.Contains(cheapest.Name, reply.Cards[0].GetRawText(), StringComparison.Ordinal);
        (await chat.SayAsync("white?")).Says("headphones in white", "(White)").DoesNotSay("Cable");
    }
}
