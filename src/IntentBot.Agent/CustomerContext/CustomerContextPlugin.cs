using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.CustomerContext;

/// <summary>
/// Kernel plugin "customer_context": what the customer showed interest in, for templates and an LLM alike.
/// </summary>
public sealed class CustomerContextPlugin(ICustomerSignals signals)
{
    public const string PluginName = "customer_context";

    [KernelFunction("interests"), Description("What the customer recently searched for or viewed on the site, comma-separated; empty when unknown.")]
    public async Task<string> InterestsAsync([Description("The customer's user id")] string userId, CancellationToken cancellationToken = default)
    {
        var found = await signals.GetAsync(userId, cancellationToken);
        return string.Join(", ", found.RecentSearches.Concat(found.RecentlyViewed).Distinct(StringComparer.OrdinalIgnoreCase).Take(6));
    }

    [KernelFunction("purchase_intent"), Description("The estimated probability (0-1) that the customer is about to buy, from site behaviour; empty when unknown.")]
    public async Task<string> PurchaseIntentAsync([Description("The customer's user id")] string userId, CancellationToken cancellationToken = default)
    {
        var found = await signals.GetAsync(userId, cancellationToken);
        return found.PurchaseIntent?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
