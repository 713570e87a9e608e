namespace IntentBot.Agent.Desk;

/// <summary>
/// Replies the desk offers the agent for an opened conversation: a greeting, one fitted to what the customer
/// last asked about (by its intent), and a closing question. The agent edits before sending.
/// </summary>
public static class DeskSuggestions
{
    // Intent words → a first step an agent typically takes. Checked in order; the first match wins.
    private static readonly (string Word, string Text)[] ByTopic =
    [
        ("refund", "I can see your refund request. Let me check where it stands and I'll tell you right away."),
        ("cancel", "I can help with the cancellation. Could you confirm the order number you'd like to cancel?"),
        ("order", "Let me look up your order. Could you confirm the order number (it looks like W123456)?"),
        ("delivery", "Let me check the delivery for you. Which order is it about?"),
        ("shipping", "I'll check the shipping details for you. Which order is it about?"),
        ("payment", "I'm sorry about the trouble with the payment. Which payment method did you use?"),
        ("invoice", "I can send you the invoice. Which order is it for?"),
        ("account", "I can help with your account. Which e-mail address is it registered under?"),
        ("password", "I can help you get back into your account. Which e-mail address do you sign in with?"),
        ("complaint", "I'm really sorry about this. Could you tell me a bit more so I can put it right?"),
        ("product", "Happy to help with the product. Which one are you looking at?"),
        ("price", "Let me check the price for you. Which product is it?"),
    ];

    public static IReadOnlyList<string> For(string? lastIntent, string? agent, bool negative)
    {
        var me = agent is null ? "Hi, this is the shop's team." : $"Hi, I'm {agent} from the shop's team.";
        var list = new List<string>
        {
            negative
                ? $"{me} I'm sorry things have been frustrating; I'll sort this out with you."
                : $"{me} I've read your conversation and I'm here to help.",
        };
        var topic = lastIntent is null ? null : ByTopic.FirstOrDefault(t => lastIntent.Contains(t.Word, StringComparison.OrdinalIgnoreCase)).Text;
        if (topic is not null) list.Add(topic);
        list.Add("Is there anything else I can help you with?");
        return list;
    }
}
