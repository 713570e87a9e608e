using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Shop;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Orders: track, cancel, change, place, change the address, cancellation fees.</summary>
public sealed class OrderStories
{
    [Fact]
    public async Task Track_order_asks_for_the_number_reprompts_on_nonsense_then_shows_status_and_card()
    {
        var nlu = Scripted.NewScript()
            .Reads("where is my order", Reading.Of("track_order", 0.95))
            .Reads("I don't know", Reading.Of("contact_human_agent", 0.6))
            .Reads("W100001", Reading.Of("greeting", 0.3));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is my order")).Says("order number");
        (await chat.SayAsync("I don't know")).Says("doesn't look like an order number", "W100001");
        (await chat.SayAsync("W100001"))
            .Says("W100001", "DHL", "Estimated delivery")
            .ShowsCard("Order W100001").ShowsCard("Track parcel")
            .Offers("Change delivery address");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task Track_order_takes_the_number_from_the_question()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("where is my order W100001")).Says("W100001", "DHL").ShowsCard("Order W100001").DoesNotSay("order number?");
    }

    [Fact]
    public async Task Track_order_of_an_unknown_number_says_so()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("where is my order W999999")).Says("W999999").Offers("Talk to a person");
    }

    [Fact]
    public async Task Cancel_order_quotes_the_fee_confirms_and_cancels()
    {
        var nlu = Scripted.NewScript()
            .Reads("I want to cancel my order", Reading.Of("cancel_order", 0.95))
            .Reads("it's W100002", Reading.Of("cancel_order", 0.5))
            .Reads("maybe", Reading.Of("thanks", 0.5))
            .Reads("yes please", Reading.Of("thanks", 0.9));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want to cancel my order")).Says("Which order");
        (await chat.SayAsync("it's W100002")).Says("5.00", "Shall I cancel order W100002?").Offers("Yes", "No");
        (await chat.SayAsync("maybe")).Says("Please answer yes or no");
        (await chat.SayAsync("yes please")).Says("cancel").ShowsCard("Order W100002");
        Assert.Equal(OrderStatus.Cancelled, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task Cancel_order_declined_leaves_the_order_alone()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want to cancel order W100002")).Says("Shall I cancel");
        (await chat.SayAsync("no")).Says("left order W100002 as it is");
        Assert.Equal(OrderStatus.Processing, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task Cancel_order_that_has_shipped_is_refused_without_asking()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want to cancel order W100001")).DoesNotSay("Shall I cancel").Offers("Return for a refund");
        Assert.Equal(OrderStatus.Shipped, (await harness.Shop.GetOrderAsync("W100001"))!.Status);
    }

    [Fact]
    public async Task Cancel_order_of_another_customer_is_refused()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want to cancel order W100006")).Says("account you're signed in with").DoesNotSay("Shall I cancel");
        Assert.Equal(OrderStatus.PendingPayment, (await harness.Shop.GetOrderAsync("W100006"))!.Status);
    }

    [Fact]
    public async Task Cancellation_fee_for_an_order_and_in_general()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("is there a fee if I cancel W100002")).Says("5.00");
        (await chat.SayAsync("is there a fee if I cancel my order")).Says("order number");
        (await chat.SayAsync("general")).Says("cancel");
    }

    [Fact]
    public async Task Change_order_explains_what_can_be_changed()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("I want to change my order")).Says("Which order");
        (await chat.SayAsync("W100002")).Says("can't be edited", "delivery address").ShowsCard("Order W100002").Offers("Cancel an order");
    }

    [Fact]
    public async Task Place_order_finds_the_product_and_explains_checkout()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("I'd like to order running shoes")).Says("basket").ShowsCard("Cloudrunner");
    }

    [Fact]
    public async Task Change_shipping_address_collects_the_address_confirms_and_changes_it()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I need to change the shipping address of my order")).Says("Which order");
        (await chat.SayAsync("W100002")).Says("street");
        (await chat.SayAsync("Hauptstrasse 5")).Says("postal code");
        (await chat.SayAsync("10115")).Says("city");
        (await chat.SayAsync("Berlin")).Says("country");
        (await chat.SayAsync("Narnia")).Says("didn't recognise that country");
        (await chat.SayAsync("Germany")).Says("full name");
        (await chat.SayAsync("Anna Schmidt")).Says("Send order W100002 to Anna Schmidt, Hauptstrasse 5, 10115 Berlin, DE?");
        (await chat.SayAsync("yes")).Says("Done");
        var order = (await harness.Shop.GetOrderAsync("W100002"))!;
        Assert.Equal("Berlin", order.ShippingAddress.City);
        Assert.Equal("Hauptstrasse 5", order.ShippingAddress.Line1);
    }

    [Fact]
    public async Task Set_up_shipping_address_explains_where_addresses_are_saved()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("I want to set up a shipping address")).Says("My account", "Addresses").Offers("Change delivery address");
    }
}
