using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>How a conversation moves: interruptions, cancel, start over, re-prompt limits, confirmations.</summary>
public sealed class FlowStories
{
    [Fact]
    public async Task Interruption_is_answered_then_the_suspended_form_resumes_with_its_prompt()
    {
        var nlu = Scripted.NewScript()
            .Reads("where is my order", Reading.Of("track_order", 0.95))
            .Reads("what payment methods do you accept", Reading.Of("check_payment_methods", 0.95))
            .Reads("W100001", Reading.Of("greeting", 0.3));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is my order")).Says("order number");
        (await chat.SayAsync("what payment methods do you accept"))
            .Says("PayPal", "Now, back to track an order", "What's your order number?");
        var state = await chat.StateAsync();
        Assert.Equal("track_order", state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
        (await chat.SayAsync("W100001")).Says("DHL").ShowsCard("Order W100001");
    }

    [Fact]
    public async Task A_greeting_in_the_middle_of_a_form_does_not_interrupt_it_the_question_is_asked_again()
    {
        var chat = AgentHarness.Create().Start("c1001");
        // Outside a form the same words get the greeting, so the model does read them as one.
        (await chat.SayAsync("hello")).Says("How can I help");
        (await chat.SayAsync("where is my order")).Says("order number");

        (await chat.SayAsync("hello")).Says("order number").DoesNotSay("How can I help", "back to");

        var state = await chat.StateAsync();
        Assert.Equal("track_order", state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
        (await chat.SayAsync("W100001")).Says("DHL");
    }

    [Fact]
    public async Task Interruption_by_another_form_keeps_both_and_resumes_the_first()
    {
        var nlu = Scripted.NewScript()
            .Reads("I want a refund", Reading.Of("get_refund", 0.95))
            .Reads("where is my refund", Reading.Of("track_refund", 0.95))
            .Reads("W100010", Reading.Of("greeting", 0.3));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("I want a refund")).Says("Which order would you like to return");
        (await chat.SayAsync("where is my refund")).Says("Which order is the refund for");
        var state = await chat.StateAsync();
        Assert.Equal("track_refund", state.ActiveDialog);
        Assert.Equal(["get_refund"], state.SuspendedDialogs);
        (await chat.SayAsync("W100010")).Says("W100010", "Now, back to return for a refund", "Which order would you like to return");
        Assert.Equal("get_refund", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task An_order_number_said_in_a_sentence_answers_which_order_even_when_read_as_tracking()
    {
        var nlu = Scripted.NewScript()
            .Reads("I want to return something", Reading.Of("get_refund", 0.95))
            .Reads("my order number is W100003", Reading.Of("track_order", 0.97));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("I want to return something")).Says("Which order would you like to return");
        (await chat.SayAsync("my order number is W100003")).Says("reason").DoesNotSay("back to", "Which order");
        Assert.Equal("get_refund", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task Cancel_stops_the_form_and_forgets_its_answers()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("I need to change the shipping address of my order")).Says("Which order");
        (await chat.SayAsync("W100002")).Says("street");
        (await chat.SayAsync("cancel")).Says("stopped that");
        var state = await chat.StateAsync();
        Assert.Null(state.ActiveDialog);
        Assert.DoesNotContain(state.Slots.Keys, k => k.StartsWith("change_shipping_address.", StringComparison.Ordinal));
        (await chat.SayAsync("cancel")).Says("nothing in progress");
    }

    [Fact]
    public async Task Start_over_clears_the_form_and_every_suspended_one()
    {
        var nlu = Scripted.NewScript()
            .Reads("I want a refund", Reading.Of("get_refund", 0.95))
            .Reads("I want to change my order", Reading.Of("change_order", 0.95))
            .Reads("start over", Reading.Of("greeting", 0.3));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("I want a refund")).Says("Which order");
        (await chat.SayAsync("I want to change my order")).Says("Which order would you like to change");
        Assert.Single((await chat.StateAsync()).SuspendedDialogs);
        (await chat.SayAsync("start over")).Says("start over");
        var state = await chat.StateAsync();
        Assert.Null(state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
    }

    [Fact]
    public async Task Reprompts_are_limited_then_help_and_a_person_are_offered()
    {
        // Not order numbers, and no reading sure enough of another request to interrupt the form.
        var nlu = Scripted.NewScript()
            .Reads("where is my order", Reading.Of("track_order", 0.95))
            .Reads("I don't know", Reading.Of("contact_human_agent", 0.6))
            .Reads("no idea", Reading.OffTopic(0.7))
            .Reads("umm what now", Reading.Of("greeting", 0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is my order")).Says("order number");
        (await chat.SayAsync("I don't know")).Says("doesn't look like an order number");
        (await chat.SayAsync("no idea")).Says("doesn't look like an order number");
        (await chat.SayAsync("umm what now")).Says("couldn't make sense").Offers("Talk to a person", "Track an order");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task Yes_and_order_numbers_are_read_by_validators_not_the_classifier()
    {
        // "yes" alone is classified as thanks and "W100002" as a greeting: while a slot or confirmation is
        // pending, the validators decide.
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want to cancel my order")).Says("Which order");
        (await chat.SayAsync("W100002")).Says("Shall I cancel");
        (await chat.SayAsync("yes")).DoesNotSay("You're welcome");
        Assert.Equal(Shop.OrderStatus.Cancelled, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
    }

    [Fact]
    public async Task State_counts_turns_and_remembers_recent_intents_and_sentiment()
    {
        var chat = AgentHarness.Create().Start("c1001");
        await chat.SayAsync("hello");
        await chat.SayAsync("where is my order W100001");
        var state = await chat.StateAsync();
        Assert.Equal(2, state.TurnCount);
        Assert.Equal(["greeting", "track_order"], state.RecentIntents);
        Assert.Equal("neutral", state.LastSentiment);
    }
}
