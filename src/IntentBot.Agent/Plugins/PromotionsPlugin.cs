using System.ComponentModel;
using IntentBot.Shop;
using IntentBot.Shop.Rules;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Plugins;

/// <summary>The "promotions" plugin: discount codes running now, and whether a code is valid.</summary>
public sealed class PromotionsPlugin(IPromotionService promotions, IPolicyService policies, TimeProvider time)
{
    public const string PluginName = "promotions";

    [KernelFunction("active"), Description("Lists the discount codes valid now, optionally only those that apply to a product, a category or a cart value. Biggest saving first.")]
    public Task<ShopReply<IReadOnlyList<PromotionView>>> ActiveAsync(
        [Description("A product id such as P1001 (optional).")] string? productId = null,
        [Description("A category such as fashion, electronics, books (optional).")] string? category = null,
        [Description("The cart value in EUR, to leave out codes with a higher minimum spend (optional).")] decimal? cartValue = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var currency = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Currency;
            var active = await promotions.GetActivePromotionsAsync(new PromotionQuery(Blank(productId), Blank(category), cartValue), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<PromotionView> views = [.. active.Select(p => PromotionView.From(p, currency))];
            if (views.Count == 0)
                return new ShopReply<IReadOnlyList<PromotionView>>(true, "ok", "There are no promotions for that right now.", views);
            return ShopReply.Ok("Current promotions: " + string.Join("; ", active.Select(p => PromotionRules.Describe(p, currency))) + ".", views);
        });

    [KernelFunction("check_code"), Description("Checks whether a discount code exists and is valid now (and for a cart value, when given).")]
    public Task<ShopReply<PromotionView>> CheckCodeAsync(
        [Description("The discount code, e.g. SUMMER20.")] string code,
        [Description("The cart value in EUR (optional), to check the minimum spend.")] decimal? cartValue = null,
        CancellationToken cancellationToken = default) =>
        ShopReply.Guard(async () =>
        {
            var currency = (await policies.GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Currency;
            if (await promotions.GetByCodeAsync(code, cancellationToken).ConfigureAwait(false) is not { } p)
                return new ShopReply<PromotionView>(false, "not_found", $"The code '{code?.Trim()}' does not exist.", null);
            var view = PromotionView.From(p, currency);
            var now = time.GetUtcNow();
            if (now < p.ValidFrom)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} is not valid yet; it starts on {p.ValidFrom:d MMMM yyyy}.", view);
            if (now >= p.ValidUntil)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} expired on {p.ValidUntil:d MMMM yyyy}.", view);
            if (cartValue is { } cart && cart < p.MinSpend)
                return new ShopReply<PromotionView>(false, "not_available", $"The code {p.Code} needs a cart value of at least {Money.Format(p.MinSpend, currency)}.", view);
            return ShopReply.Ok($"The code is valid. {PromotionRules.Describe(p, currency)}.", view);
        });

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
