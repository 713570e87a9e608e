using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Rules;

/// <summary>
/// <see cref="AgentOptions.InterruptAbove"/>: while a dialog waits for an answer, only a confident new request
/// interrupts it (answered, then the question is asked again); anything less is an answer, or a failed one.
/// </summary>
public sealed class InterruptionThresholdTests
{
    private const string Payment = "what payment methods do you accept";

    private static ScriptedClassifier WaitingForAnOrderNumber() =>
        NewScript().Reads("where is my order", Reading.Of("track_order", 0.95)).Reads("W100001", Reading.Of("greeting", 0.3));

    [Fact]
    public async Task A_new_request_just_above_the_threshold_interrupts_and_the_form_resumes()
    {
        var nlu = WaitingForAnOrderNumber().Reads(Payment, Reading.Of("check_payment_methods", Defaults.InterruptAbove + Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("where is my order")).Says("order number");
        (await chat.SayAsync(Payment)).Says("PayPal", "Now, back to track an order", "What's your order number?");
        var state = await chat.StateAsync();
        Assert.Equal("track_order", state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
        (await chat.SayAsync("W100001")).Says("DHL").ShowsCard("Order W100001");
    }

    [Fact]
    public async Task A_new_request_just_below_the_threshold_is_a_failed_answer_and_the_question_is_asked_again()
    {
        var nlu = WaitingForAnOrderNumber().Reads(Payment, Reading.Of("check_payment_methods", Defaults.InterruptAbove - Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("where is my order");
        (await chat.SayAsync(Payment)).Says("doesn't look like an order number").DoesNotSay("PayPal", "back to");
        var state = await chat.StateAsync();
        Assert.Equal("track_order", state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
    }

    [Theory]
    [InlineData("track_order")]                           // the dialog already running
    [InlineData("greeting")]                              // a dialog that never interrupts (greeting.yaml)
    [InlineData(ScriptedClassifier.OutOfScopeLabel)]      // nothing to answer instead
    public async Task A_confident_reading_that_names_nothing_new_does_not_interrupt(string intent)
    {
        var reading = intent == ScriptedClassifier.OutOfScopeLabel ? Reading.OffTopic(0.99) : Reading.Of(intent, 0.99);
        var nlu = WaitingForAnOrderNumber().Reads("I don't know", reading);
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("where is my order");
        (await chat.SayAsync("I don't know")).Says("doesn't look like an order number").DoesNotSay("back to");
        Assert.Empty((await chat.StateAsync()).SuspendedDialogs);
    }

    [Fact]
    public async Task A_confident_reading_the_model_puts_out_of_scope_does_not_interrupt()
    {
        var nlu = WaitingForAnOrderNumber().Reads(Payment, Reading.Of("check_payment_methods", 0.99) with { OutOfScope = true });
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("where is my order");
        (await chat.SayAsync(Payment)).Says("doesn't look like an order number").DoesNotSay("PayPal");
    }

    /// <summary>A product slot takes almost any words, so below the threshold the words are the product.</summary>
    [Fact]
    public async Task A_product_answer_below_the_threshold_fills_the_product_slot()
    {
        var nlu = NewScript().Reads("what's the price", Reading.Of("price_inquiry", 0.95))
            .Reads("the Ferro pan", Reading.Of("product_inquiry", Defaults.InterruptAbove - Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("what's the price")).Says("Which product");
        (await chat.SayAsync("the Ferro pan")).Says("Ferro", "costs").DoesNotSay("Which product", "back to");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    /// <summary>...and above it a clearly different request is not swallowed as a product name.</summary>
    [Fact]
    public async Task A_different_request_above_the_threshold_is_not_swallowed_by_a_product_slot()
    {
        const string track = "where is my order W100001";
        var nlu = NewScript().Reads("what's the price", Reading.Of("price_inquiry", 0.95))
            .Reads(track, Reading.Of("track_order", Defaults.InterruptAbove + Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("what's the price");
        (await chat.SayAsync(track)).Says("DHL", "Now, back to price of a product", "Which product").DoesNotSay("couldn't find");
        Assert.Equal("price_inquiry", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task The_threshold_comes_from_the_options()
    {
        var nlu = WaitingForAnOrderNumber().Reads(Payment, Reading.Of("check_payment_methods", 0.7));
        var chat = AgentHarness.Create(classifier: nlu, options: new AgentOptions { InterruptAbove = 0.65 }).Start("c1001");
        await chat.SayAsync("where is my order");
        (await chat.SayAsync(Payment)).Says("PayPal", "Now, back to track an order");
    }
}
