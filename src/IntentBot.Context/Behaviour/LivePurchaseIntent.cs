using IntentBot.Context.PurchaseIntent;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Behaviour;

/// <summary>The purchase-intent estimate of one live session, with what it was computed from.</summary>
public sealed record SessionPurchaseIntent(string SessionId, LiveSessionSnapshot Snapshot, PurchaseIntentFeatures Features, PurchaseIntentEstimate Estimate);

/// <summary>
/// Scores the current session of a user's live context: the session's aggregates become a
/// <see cref="LiveSessionSnapshot"/>, the purchase-intent mapper turns it into the model's features and
/// the model scores them with the factors behind the score. Meant to run on read (the context API, the
/// agent deciding whether to offer help at checkout), so every event is reflected without a per-event
/// cost: one snapshot (~2 µs) and one ONNX run of 18 rows (~160 µs with the explanation). Thread-safe.
/// </summary>
public sealed class LivePurchaseIntent(LiveSessionFeatureMapper mapper, PurchaseIntentModel model, IOptions<PurchaseIntentOptions> options, TimeProvider clock)
{
    public PurchaseIntentModel Model => model;

    /// <returns>The estimate, or null when the context has no current session.</returns>
    public SessionPurchaseIntent? Estimate(BehaviourContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = SessionSnapshotBuilder.Build(context, clock.GetUtcNow());
        if (snapshot is null) return null;
        var features = mapper.Map(snapshot);
        return new SessionPurchaseIntent(context.SessionId!, snapshot, features, model.Estimate(features, options.Value.TopFactors));
    }
}
