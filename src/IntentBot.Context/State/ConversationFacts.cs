namespace IntentBot.Context.State;

/// <summary>
/// What a conversation knows beyond any one dialog: the facts the shopper gave, the product and order under
/// discussion, the orders a guest proved are theirs, the conversation's language and what the bot last asked
/// outside a form. No dialog's end clears it.
/// </summary>
public sealed record ConversationFacts
{
    public string? Email { get; init; }
    public string? Postcode { get; init; }
    public string? Country { get; init; }
    public string? Size { get; init; }
    public string? Colour { get; init; }
    public decimal? BudgetMin { get; init; }
    public decimal? BudgetMax { get; init; }

    /// <summary>The product last shown or discussed (its id).</summary>
    public string? Product { get; init; }

    /// <summary>The kind of product the shopper is browsing for ("Cookware").</summary>
    public string? Interest { get; init; }

    /// <summary>The order last looked at.</summary>
    public string? Order { get; init; }

    /// <summary>"en", "zh": the language the conversation is answered in.</summary>
    public string? Language { get; init; }

    /// <summary>What a bare "yes" agrees to after a yes/no question outside a form ("@intent" or "@intent|words").</summary>
    public string? YesMeans { get; init; }

    /// <summary>A second request made in the same message as another ("intent|its words"), offered later.</summary>
    public string? Pending { get; init; }

    /// <summary>Failed attempts to prove an order is one's own, per order.</summary>
    public IReadOnlyDictionary<string, int> VerifyFailures { get; init; } = new Dictionary<string, int>();

    /// <summary>Failed attempts over all orders of the conversation.</summary>
    public int AllVerifyFailures { get; init; }

    /// <summary>Orders a guest proved are theirs (by e-mail or postcode) → the customer each belongs to.</summary>
    public IReadOnlyDictionary<string, string> Verified { get; init; } = new Dictionary<string, string>();

    /// <summary>The orders proved with the e-mail address on them → their customer.</summary>
    public IReadOnlyDictionary<string, string> VerifiedByEmail { get; init; } = new Dictionary<string, string>();
}
