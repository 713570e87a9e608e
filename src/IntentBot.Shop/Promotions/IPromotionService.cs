namespace IntentBot.Shop;

public interface IPromotionService
{
    /// <summary>Promotions valid now that match the query, biggest discount first.</summary>
    Task<IReadOnlyList<Promotion>> GetActivePromotionsAsync(PromotionQuery query, CancellationToken cancellationToken = default);

    /// <summary>The promotion with this code (case-insensitive), active or not, or null.</summary>
    Task<Promotion?> GetByCodeAsync(string code, CancellationToken cancellationToken = default);
}
