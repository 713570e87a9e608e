using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Server.Context;

/// <summary>
/// Turns a user's live context into the purchase-intent estimate for the current session: the
/// session's aggregates become a <see cref="LiveSessionSnapshot"/>, the purchase-intent mapper turns it
/// into the model's features, and the model scores them. Computed on read: one snapshot and one small
/// model evaluation per context request, nothing extra per event.
/// </summary>
public sealed class PurchaseIntentEstimator(LiveSessionFeatureMapper mapper, TimeProvider clock)
{
    public PurchaseIntentDto? Estimate(BehaviourContext context)
    {
        var snapshot = SessionSnapshotBuilder.Build(context, clock.GetUtcNow());
        if (snapshot is null) return null;
        var features = mapper.Map(snapshot);
        // Seam for the trained model (branch wip/purchase, models/purchase-intent): until it is merged the
        // features are reported without a probability.
        return new PurchaseIntentDto(context.SessionId!, "model-unavailable", null, null, [], features, snapshot);
    }
}
