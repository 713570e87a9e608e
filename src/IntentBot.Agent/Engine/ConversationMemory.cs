using System.Globalization;
using System.Text.Json;

namespace IntentBot.Agent.Engine;

/// <summary>
/// What the conversation knows beyond one dialog: the facts the shopper gave (<see cref="Entities"/>), the
/// product and order under discussion (the subject follow-ups refer to), the orders a guest proved are theirs,
/// the conversation's language and what the bot last asked outside a form.
/// </summary>
/// <remarks>
/// Kept in the conversation's slot map under "_mem." keys, so it is saved, versioned and erased with the
/// conversation, and no dialog's <see cref="Turn.Clear"/> touches it.
/// </remarks>
internal sealed class ConversationMemory(Dictionary<string, string> slots)
{
    private const string Prefix = "_mem.";

    public string? Email { get => Get("email"); set => Set("email", value); }
    public string? Postcode { get => Get("postcode"); set => Set("postcode", value); }
    public string? Country { get => Get("country"); set => Set("country", value); }
    public string? Size { get => Get("size"); set => Set("size", value); }
    public string? Colour { get => Get("colour"); set => Set("colour", value); }
    public decimal? BudgetMin { get => Number("budget_min"); set => SetNumber("budget_min", value); }
    public decimal? BudgetMax { get => Number("budget_max"); set => SetNumber("budget_max", value); }

    /// <summary>The product last shown or discussed (its id): "how much is it?" is about this one.</summary>
    public string? Product { get => Get("product"); set => Set("product", value); }

    /// <summary>The kind of product the shopper is browsing for ("Cookware" after "she loves cooking"): a
    /// refinement such as "something under 30" stays within it.</summary>
    public string? Interest { get => Get("interest"); set => Set("interest", value); }

    /// <summary>The order last looked at: "when will it arrive?" is about this one.</summary>
    public string? Order { get => Get("order"); set => Set("order", value); }

    /// <summary>"en", "zh": the language the conversation is answered in.</summary>
    public string? Language { get => Get("language"); set => Set("language", value); }

    /// <summary>What a bare "yes" agrees to, when the bot's last message outside a form asked a yes/no question:
    /// "@intent", or "@intent|words" to take the slots from (e.g. "@contact_human_agent").</summary>
    public string? YesMeans { get => Get("yes"); set => Set("yes", value); }

    /// <summary>A second request made in the same message as another ("intent|its words"), offered once that one is done.</summary>
    public string? Pending { get => Get("pending"); set => Set("pending", value); }

    /// <summary>Failed attempts to prove an order is one's own, per order, over the whole conversation.</summary>
    public int VerifyFailures(string order) => (int)(Number("verify_failed." + order) ?? 0);

    /// <summary>Failed attempts over all orders of the conversation.</summary>
    public int AllVerifyFailures => (int)(Number("verify_failed") ?? 0);

    public void AddVerifyFailure(string order)
    {
        SetNumber("verify_failed." + order, VerifyFailures(order) + 1);
        SetNumber("verify_failed", AllVerifyFailures + 1);
    }

    /// <summary>Orders a guest proved are theirs in this conversation (by e-mail or postcode), with the customer each belongs to.</summary>
    public IReadOnlyDictionary<string, string> Verified => Orders("verified");

    /// <summary>The orders proved with the e-mail address on them: only these may be changed or show personal data.</summary>
    public IReadOnlyDictionary<string, string> VerifiedByEmail => Orders("verified_email");

    public void AddVerified(string order, string customerId, bool byEmail)
    {
        AddOrder("verified", order, customerId);
        if (byEmail) AddOrder("verified_email", order, customerId);
    }

    private Dictionary<string, string> Orders(string key) =>
        slots.TryGetValue(Prefix + key, out var json)
            ? JsonSerializer.Deserialize(json, EngineJsonContext.Default.DictionaryStringString) ?? [] : [];

    private void AddOrder(string key, string order, string customerId)
    {
        var all = new Dictionary<string, string>(Orders(key)) { [order] = customerId };
        slots[Prefix + key] = JsonSerializer.Serialize(all, EngineJsonContext.Default.DictionaryStringString);
    }

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

    private string? Get(string key) => slots.TryGetValue(Prefix + key, out var v) ? v : null;

    private void Set(string key, string? value)
    {
        if (value is null) slots.Remove(Prefix + key);
        else slots[Prefix + key] = value;
    }

    private decimal? Number(string key) =>
        Get(key) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private void SetNumber(string key, decimal? value) => Set(key, value?.ToString(CultureInfo.InvariantCulture));
}
