using IntentBot.Agent.Engine;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Shop;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// What a guest must prove before an order changes: the e-mail address on it. A postcode (shared by many orders)
/// is enough to read a status only, never to cancel or send an order elsewhere, and it does not carry over from
/// tracking to a change; wrong proofs are limited per order and per conversation. The model's reading is not the
/// subject, so the readings are scripted (the shopper's own words from the QA run).
/// </summary>
public sealed class GuestProofStories
{
    private static ScriptedClassifier Script() => Scripted.NewScript()
        .Reads("cancel order W100002 pls", Reading.Of("cancel_order", 0.99))
        .Reads("where is my order W100002", Reading.Of("track_order", 0.97))
        .Reads("change delivery address for W100030", Reading.Of("change_shipping_address", 0.99))
        .Reads("04109", Reading.OffTopic(0.65))
        .Reads("1010", Reading.OffTopic(0.79))
        .Reads("99999", Reading.OffTopic(0.8))
        .Reads("yes", Reading.OffTopic(0.47))
        .Reads("cancel", Reading.Of("cancel_order", 0.9))
        .Reads("anna.schmidt@example.com", Reading.OffTopic(0.54))
        .Reads("lea.schmidt40@example.com", Reading.OffTopic(0.54))
        .Reads("someone@example.net", Reading.OffTopic(0.5))
        .Reads("other@example.net", Reading.OffTopic(0.5))
        .Reads("third@example.net", Reading.OffTopic(0.5))
        .Reads("cancel order W100002, my e-mail is anna.schmidt@example.com", Reading.Of("cancel_order", 0.99))
        .Reads("change address on W100002 to Lindenstr 5, 04109 Leipzig", Reading.Of("change_shipping_address", 0.99))
        .Reads("when will I get the refund for order W100005", Reading.Of("track_refund", 0.8))
        .Reads("when will I get the refund", Reading.Of("track_refund", 0.8))
        .Reads("and where is W100005", Reading.Of("track_order", 0.7))
        .Reads("W100005", Reading.OffTopic(0.6))
        .Reads("W100005的退款呢", Reading.Of("track_refund", 0.8))
        .Reads("订单号W100005", Reading.Of("track_refund", 0.8));

    [Fact]
    public async Task A_shared_postcode_does_not_let_a_guest_cancel_someone_elses_order()
    {
        var harness = AgentHarness.Create(classifier: Script());
        var chat = harness.Start("guest-pc");
        (await chat.SayAsync("cancel order W100002 pls")).Says("Cancel an order", "W100002", "e-mail address").DoesNotSay("postcode the order", "Shall I cancel");
        (await chat.SayAsync("04109")).Says("postcode is only enough to track", "e-mail address").DoesNotSay("Shall I cancel", "fee");
        (await chat.SayAsync("yes")).DoesNotSay("is cancelled", "Shall I cancel");
        Assert.Equal(OrderStatus.Processing, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task A_request_about_another_order_at_the_proof_question_is_taken_as_that_request()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-switch");
        (await chat.SayAsync("where is my order W100002")).Says("W100002", "e-mail address or the postcode");
        // Less sure than an interruption needs (0.85), but it names another order and answers nothing.
        (await chat.SayAsync("when will I get the refund for order W100005")).Says("W100005").DoesNotSay("W100002");
        Assert.Equal("track_refund", (await chat.StateAsync()).ActiveDialog);

        var same = AgentHarness.Create(classifier: Script()).Start("guest-switch-2");
        await same.SayAsync("where is my order W100002");
        (await same.SayAsync("and where is W100005")).Says("W100005").DoesNotSay("W100002");
        Assert.Equal("track_order", (await same.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task A_chinese_request_about_another_order_is_a_request_and_a_chinese_bare_number_an_answer()
    {
        // Chinese writes no spaces: "W100005的退款呢" is a request, not a bare number.
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-switch-zh");
        await chat.SayAsync("where is my order W100002");
        (await chat.SayAsync("W100005的退款呢")).Says("W100005");
        Assert.Equal("track_refund", (await chat.StateAsync()).ActiveDialog);

        var bare = AgentHarness.Create(classifier: Script()).Start("guest-switch-zh-2");
        await bare.SayAsync("where is my order W100002");
        await bare.SayAsync("订单号W100005");
        Assert.Equal("track_order", (await bare.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task The_same_request_without_another_order_or_a_bare_number_stays_with_the_proof_question()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-stay");
        await chat.SayAsync("where is my order W100002");
        (await chat.SayAsync("when will I get the refund")).Says("W100002");
        Assert.Equal("track_order", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task A_postcode_given_to_track_an_order_does_not_carry_over_to_cancelling_it()
    {
        var harness = AgentHarness.Create(classifier: Script());
        var chat = harness.Start("guest-track");
        (await chat.SayAsync("where is my order W100002")).Says("e-mail address or the postcode");
        (await chat.SayAsync("04109")).Says("W100002").DoesNotSay("doesn't match"); // the status: the postcode is enough to read it
        (await chat.SayAsync("cancel order W100002 pls")).Says("e-mail address").DoesNotSay("Shall I cancel");
        (await chat.SayAsync("anna.schmidt@example.com")).Says("Shall I cancel");
        (await chat.SayAsync("yes")).Says("cancelled");
        Assert.Equal(OrderStatus.Cancelled, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task The_right_email_lets_a_guest_cancel_at_once_even_given_with_the_request()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-email");
        (await chat.SayAsync("cancel order W100002, my e-mail is anna.schmidt@example.com")).Says("Shall I cancel order W100002");
    }

    [Fact]
    public async Task A_shared_postcode_does_not_let_a_guest_change_a_delivery_address()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-redirect");
        (await chat.SayAsync("change delivery address for W100030")).Says("Change delivery address", "e-mail address").DoesNotSay("street");
        (await chat.SayAsync("1010")).Says("e-mail address").DoesNotSay("street");
        (await chat.SayAsync("lea.schmidt40@example.com")).Says("street");
    }

    [Fact]
    public async Task The_postcode_of_the_new_address_in_the_request_proves_nothing()
    {
        // 04109 is also where W100002 ships today: read as proof, it would let anyone redirect the parcel.
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-newaddress");
        (await chat.SayAsync("change address on W100002 to Lindenstr 5, 04109 Leipzig")).Says("e-mail address").DoesNotSay("country", "street");
        (await chat.SayAsync("anna.schmidt@example.com")).Says("Which country");
    }

    [Fact]
    public async Task Three_wrong_emails_end_the_attempts_for_that_order_and_the_right_one_no_longer_helps()
    {
        var harness = AgentHarness.Create(classifier: Script());
        var chat = harness.Start("guest-brute");
        (await chat.SayAsync("cancel order W100002 pls")).Says("e-mail address");
        (await chat.SayAsync("someone@example.net")).Says("doesn't match the e-mail address");
        (await chat.SayAsync("other@example.net")).Says("doesn't match the e-mail address");
        (await chat.SayAsync("third@example.net")).Says("couldn't confirm", "sign in").Offers("Talk to a person").DoesNotSay("Shall I cancel");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
        (await chat.SayAsync("cancel order W100002, my e-mail is anna.schmidt@example.com")).Says("couldn't confirm").DoesNotSay("Shall I cancel");
        Assert.Equal(OrderStatus.Processing, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task Postcodes_at_an_email_prompt_count_as_wrong_proofs()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("guest-pcs");
        (await chat.SayAsync("cancel order W100002 pls")).Says("e-mail address");
        (await chat.SayAsync("04109")).Says("postcode is only enough");
        (await chat.SayAsync("99999")).Says("postcode is only enough");
        (await chat.SayAsync("04109")).Says("couldn't confirm");
    }

    [Fact]
    public async Task Wrong_postcodes_over_many_orders_end_the_attempts_for_the_whole_conversation()
    {
        var nlu = Script();
        string[] orders = ["W100003", "W100004", "W100005", "W100008", "W100009", "W100011"];
        foreach (var order in orders) nlu.Reads("where is my order " + order, Reading.Of("track_order", 0.97));
        var chat = AgentHarness.Create(classifier: nlu).Start("guest-sweep");
        foreach (var order in orders.Take(GuestVerification.MaxFailuresPerConversation))
        {
            (await chat.SayAsync("where is my order " + order)).Says("e-mail address or the postcode");
            (await chat.SayAsync("99999")).Says(order);
            if ((await chat.StateAsync()).ActiveDialog is not null) (await chat.SayAsync("cancel")).Says("stopped");
        }
        (await chat.SayAsync("where is my order " + orders[^1])).Says("couldn't confirm").DoesNotSay("postcode the order");
    }

    [Fact]
    public async Task A_signed_in_customer_cancels_their_own_order_without_any_proof()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("c1001");
        (await chat.SayAsync("cancel order W100002 pls")).Says("Shall I cancel order W100002").DoesNotSay("e-mail address");
        (await chat.SayAsync("yes")).Says("cancelled");
    }
}
