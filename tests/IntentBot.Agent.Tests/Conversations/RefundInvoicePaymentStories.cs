using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Shop;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Refunds and returns, invoices, payments.</summary>
public sealed class RefundInvoicePaymentStories
{
    [Fact]
    public async Task Get_refund_checks_eligibility_asks_why_confirms_and_starts_the_return()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want a refund for W100003")).Says("reason");
        (await chat.SayAsync("wrong size")).Says("Shall I start the return for order W100003?");
        (await chat.SayAsync("yes")).ShowsCard("Order W100003");
        Assert.NotNull((await harness.Shop.GetOrderAsync("W100003"))!.Return);
    }

    [Fact]
    public async Task Get_refund_outside_the_window_is_refused()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1002");
        (await chat.SayAsync("I want a refund")).Says("Which order");
        // Whether the order can be returned is told before asking why: no reason is collected for nothing.
        (await chat.SayAsync("W100004")).Says("return window ended").DoesNotSay("reason", "Shall I start").Offers("Refund policy");
        Assert.Null((await harness.Shop.GetOrderAsync("W100004"))!.Return);
    }

    [Fact]
    public async Task Track_refund_says_where_the_money_is()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("where is my refund")).Says("Which order");
        (await chat.SayAsync("W100010")).Says("W100010");
    }

    [Fact]
    public async Task Refund_policy_is_explained()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("what is your refund policy")).Says("30").Offers("Return for a refund");
    }

    [Fact]
    public async Task Check_invoice_and_get_invoice_of_a_paid_order()
    {
        var chat = AgentHarness.Create().Start("c1003");
        (await chat.SayAsync("I want to check the invoice for my order")).Says("Which order");
        (await chat.SayAsync("W100007")).Says("invoice");
        (await chat.SayAsync("I need a copy of my invoice")).Says("Which order");
        (await chat.SayAsync("W100007")).Says("http");
    }

    [Fact]
    public async Task Invoice_of_an_unpaid_order_is_not_available_yet()
    {
        var chat = AgentHarness.Create().Start("c1002");
        (await chat.SayAsync("I need a copy of my invoice")).Says("Which order");
        (await chat.SayAsync("W100006")).DoesNotSay("http");
    }

    [Fact]
    public async Task Payment_methods_are_listed()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("what payment methods do you accept")).Says("PayPal");
    }

    [Fact]
    public async Task Payment_issue_on_an_unpaid_order_explains_how_to_pay()
    {
        var chat = AgentHarness.Create().Start("c1002");
        (await chat.SayAsync("I have a problem with my payment")).Says("Which order");
        (await chat.SayAsync("W100006")).Says("waiting for payment").Offers("Talk to a person");
    }

    [Fact]
    public async Task Payment_issue_without_an_order_gives_general_help()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("my payment failed")).Says("Which order");
        (await chat.SayAsync("none")).Says("card limit").Offers("Talk to a person");
    }
}
