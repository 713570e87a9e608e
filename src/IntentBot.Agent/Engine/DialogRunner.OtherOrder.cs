using IntentBot.Agent.Dialogs;

namespace IntentBot.Agent.Engine;

internal sealed partial class DialogRunner
{
    /// <summary>
    /// A request about another order, made while a form about one order waits for an answer ("when will I get the
    /// refund for order W100005" at the question for W100023's postcode). The message does not answer the question
    /// and names an order the form is not about, so it is a new request even when the model is less sure of it than
    /// an interruption needs (<see cref="AgentOptions.InterruptAbove"/>): a reading the bot would act on outside a form
    /// (<see cref="AgentOptions.ClarifyBelow"/>) is enough. A bare order number stays an answer to the form.
    /// </summary>
    private DialogDefinition? OtherOrderRequest(Turn t, DialogDefinition form)
    {
        if (t.Nlu.OutOfScope || t.Nlu.Intent.Confidence < options.ClarifyBelow) return null;
        if (GuestVerification.OrderOf(t, form) is not { } current) return null;
        if (t.Said.OrderNumber is not { } named
            || string.Equals(named, current, StringComparison.OrdinalIgnoreCase)
            || Cues.IsBareOrderNumber(t.Text))
            return null;
        return HasOrderSlot(t.Nlu.Intent.Label) && catalog.Find(t.Nlu.Intent.Label) is { Interrupts: true } dialog ? dialog : null;
    }
}
