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

    /// <summary>Whose orders this turn may see: the signed-in customer's id; for a guest, the owner of the dialog's
    /// order once the guest proved it is theirs (order number plus e-mail or postcode); else "". Compare an order's
    /// owner with it (<c>order_data_customer_id == $customer_id</c>).</summary>
    public const string CustomerId = "customer_id";

    /// <summary>The country the shopper named in this conversation (ISO code, "" when none): shipping answers use it.</summary>
    public const string Country = "known_country";

    /// <summary>That country's name in Chinese ("德国" for DE), "" when none: Chinese shipping answers name it.</summary>
    public const string CountryZh = "known_country_zh";

    /// <summary>The shopper's price limits in EUR ("under €50", "20-30", "cheap"), "" when none was given.</summary>
    public const string BudgetMin = "budget_min";
    public const string BudgetMax = "budget_max";

    /// <summary>The size and colour the shopper named in this conversation, "" when none.</summary>
    public const string Size = "known_size";
    public const string Colour = "known_colour";

    /// <summary>The id of the product under discussion (the last one shown), "" when none.</summary>
    public const string SubjectProduct = "subject_product";

    /// <summary>The catalog category or subcategory the shopper is browsing for, from this message or the request
    /// ("she loves cooking" → "Cookware", "headphones" → "Headphones"), "" when none.</summary>
    public const string InterestCategory = "interest_category";

    /// <summary>That category's name in Chinese ("跑鞋" for "Running Shoes"; the shop's name when it has none), "" when none.</summary>
    public const string InterestCategoryZh = "interest_category_zh";

    /// <summary>A discount code written in this message ("SUMMER20"), "" when none.</summary>
    public const string SaidCode = "said_code";

    /// <summary>"en" or "zh": the language the conversation is answered in.</summary>
    public const string Language = "language";

    /// <summary>What the shopper said about the order beyond asking for it: "not_received" (a parcel marked out
    /// for delivery or delivered that did not come), "opened" (returning an opened item); "" when nothing.</summary>
    public const string Concern = "concern";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>
    {
        Text, Intent, UserId, ConversationId, CustomerName, Interests, Negative, PurchaseIntentHigh,
        CustomerId, Country, BudgetMin, BudgetMax, Size, Colour, SubjectProduct, SaidCode, Language, InterestCategory, Concern,
        CountryZh, InterestCategoryZh,
    };
}
