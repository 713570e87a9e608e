namespace IntentBot.Agent.Dialogs;

/// <summary>Variables every template may read, filled by the engine on each turn.</summary>
public static class BuiltInVariables
{
    /// <summary>The customer's message, verbatim (data, never template source).</summary>
    public const string Text = "text";
    public const string Intent = "intent";
    public const string UserId = "user_id";
    public const string ConversationId = "conversation_id";
    /// <summary>The customer's name when the profile has one, else "".</summary>
    public const string CustomerName = "customer_name";
    /// <summary>What the customer recently searched for or looked at, space-separated ("" when unknown).</summary>
    public const string Interests = "interests";
    /// <summary>"true" when the customer sounded negative this turn.</summary>
    public const string Negative = "negative";

    /// <summary>"true" when the customer seems close to buying, hesitates (price, delivery, refund policy) and was
    /// not offered a promotion yet in this conversation: the condition for a promotion action.</summary>
    public const string PurchaseIntentHigh = "purchase_intent_high";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { Text, Intent, UserId, ConversationId, CustomerName, Interests, Negative, PurchaseIntentHigh };
}
