using IntentBot.Context.Behaviour;

namespace IntentBot.Server.Context;

/// <summary>The context API's view of <see cref="LivePurchaseIntent"/>: scored on read, so every event so far is reflected.</summary>
public sealed class PurchaseIntentEstimator(LivePurchaseIntent purchaseIntent)
{
    public PurchaseIntentDto? Estimate(BehaviourContext context)
    {
        if (purchaseIntent.Estimate(context) is not { } result) return null;
        var (estimate, model) = (result.Estimate, purchaseIntent.Model);
        return new PurchaseIntentDto(
            result.SessionId, estimate.Probability, estimate.Level.ToString().ToLowerInvariant(), model.Threshold,
            $"{model.Manifest.Name}@{model.Manifest.Version}",
            estimate.TopFactors.Select(f => new FactorDto(f.Feature, f.Value, f.Baseline, f.Contribution)).ToList(),
            result.Features, result.Snapshot);
    }
}
