using IntentBot.Context.State;

namespace IntentBot.Agent.Engine;

/// <summary>
/// What the conversation knows beyond one dialog (<see cref="ConversationFacts"/>), read and changed in place: the
/// facts the shopper gave (<see cref="Entities"/>), the product and order under discussion (the subject follow-ups
/// refer to), the orders a guest proved are theirs, the conversation's language and what the bot last asked outside a form.
/// </summary>
/// <remarks>
/// Saved, versioned and erased with the conversation; no dialog's <see cref="Turn.Clear"/> touches it.
/// </remarks>
internal sealed class ConversationMemory(Turn turn)
{
    private ConversationFacts Facts { get => turn.Facts; set => turn.Facts = value; }

    public string? Email { get => Facts.Email; set => Facts = Facts with { Email = value }; }
    public string? Postcode { get => Facts.Postcode; set => Facts = Facts with { Postcode = value }; }
    public string? Country { get => Facts.Country; set => Facts = Facts with { Country = value }; }
    public string? Size { get => Facts.Size; set => Facts = Facts with { Size = value }; }
    public string? Colour { get => Facts.Colour; set => Facts = Facts with { Colour = value }; }
    public decimal? BudgetMin { get => Facts.BudgetMin; set => Facts = Facts with { BudgetMin = value }; }
    public decimal? BudgetMax { get => Facts.BudgetMax; set => Facts = Facts with { BudgetMax = value }; }

    /// <summary>The product last shown or discussed (its id): "how much is it?" is about this one.</summary>
    public string? Product { get => Facts.Product; set => Facts = Facts with { Product = value }; }

    /// <summary>The kind of product the shopper is browsing for ("Cookware" after "she loves cooking"): a
    /// refinement such as "something under 30" stays within it.</summary>
    public string? Interest { get => Facts.Interest; set => Facts = Facts with { Interest = value }; }

    /// <summary>The order last looked at: "when will it arrive?" is about this one.</summary>
    public string? Order { get => Facts.Order; set => Facts = Facts with { Order = value }; }

    /// <summary>"en", "zh": the language the conversation is answered in.</summary>
    public string? Language { get => Facts.Language; set => Facts = Facts with { Language = value }; }

    /// <summary>What a bare "yes" agrees to, when the bot's last message outside a form asked a yes/no question:
    /// "@intent", or "@intent|words" to take the slots from (e.g. "@contact_human_agent").</summary>
    public string? YesMeans { get => Facts.YesMeans; set => Facts = Facts with { YesMeans = value }; }

    /// <summary>A second request made in the same message as another ("intent|its words"), offered once that one is done.</summary>
    public string? Pending { get => Facts.Pending; set => Facts = Facts with { Pending = value }; }

    /// <summary>Failed attempts to prove an order is one's own, per order, over the whole conversation.</summary>
    public int VerifyFailures(string order) => Facts.VerifyFailures.GetValueOrDefault(order);

    /// <summary>Failed attempts over all orders of the conversation.</summary>
    public int AllVerifyFailures => Facts.AllVerifyFailures;

    public void AddVerifyFailure(string order) => Facts = Facts with
    {
        VerifyFailures = new Dictionary<string, int>(Facts.VerifyFailures) { [order] = VerifyFailures(order) + 1 },
        AllVerifyFailures = AllVerifyFailures + 1,
    };

    /// <summary>Orders a guest proved are theirs in this conversation (by e-mail or postcode), with the customer each belongs to.</summary>
    public IReadOnlyDictionary<string, string> Verified => Facts.Verified;

    /// <summary>The orders proved with the e-mail address on them: only these may be changed or show personal data.</summary>
    public IReadOnlyDictionary<string, string> VerifiedByEmail => Facts.VerifiedByEmail;

    public void AddVerified(string order, string customerId, bool byEmail) => Facts = Facts with
    {
        Verified = new Dictionary<string, string>(Facts.Verified) { [order] = customerId },
        VerifiedByEmail = byEmail ? new Dictionary<string, string>(Facts.VerifiedByEmail) { [order] = customerId } : Facts.VerifiedByEmail,
    };

    /// <summary>Takes in what a message said; a later value replaces an earlier one (the shopper corrected it).</summary>
    public void Learn(Entities e)
    {
        if (e.Email is not null) Email = e.Email;
        if (e.Country is not null) Country = e.Country;
        if (e.Size is not null) Size = e.Size;
        if (e.Colour is not null) Colour = e.Colour;
        if (e.BudgetMin is not null || e.BudgetMax is not null) (BudgetMin, BudgetMax) = (e.BudgetMin, e.BudgetMax);
        if (e.OrderNumber is not null) Order = e.OrderNumber;
    }
}
