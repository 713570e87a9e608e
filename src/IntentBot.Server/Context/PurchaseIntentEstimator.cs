using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Context;

/// <summary>
/// Turns a user's live context into the purchase-intent estimate for the current session: the
/// session's aggregates become a <see cref="LiveSessionSnapshot"/>, the purchase-intent mapper turns it
/// into the model's features, and the model scores them with the factors behind the score. Computed on
/// read, so every event is reflected without any extra write per event; the cost is one snapshot and
/// one ONNX run of 18 rows (the session and one reset per feature for the explanation) per read.
/// </summary>
public sealed class PurchaseIntentEstimator(LiveSessionFeatureMapper mapper, PurchaseIntentModel model,
    IOptions<PurchaseIntentOptions> options, TimeProvider clock)
{
    public PurchaseIntentDto? Estimate(BehaviourContext context)
    {
        var snapshot = SessionSnapshotBuilder.Build(context, clock.GetUtcNow());
        if (snapshot is null) return null;
        var features = mapper.Map(snapshot);
        var estimate = model.Estimate(features, options.Value.TopFactors);
        return new PurchaseIntentDto(
            context.SessionId!, estimate.Probability, estimate.Level.ToString().ToLowerInvariant(), model.Threshold,
            $"{model.Manifest.Name}@{model.Manifest.Version}",
            estimate.TopFactors.Select(f => new FactorDto(f.Feature, f.Value, f.Baseline, f.Contribution)).ToList(),
            features, snapshot);
    }
}
