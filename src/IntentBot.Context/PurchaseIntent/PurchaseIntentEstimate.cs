namespace IntentBot.Context.PurchaseIntent;

/// <summary>How likely a session is to end in a purchase, in words the bot can act on.</summary>
public enum PurchaseIntentLevel
{
    /// <summary>Below the training base rate: less likely than an average session.</summary>
    Low,

    /// <summary>At or above the base rate but below the decision threshold.</summary>
    Medium,

    /// <summary>At or above the cross-validated F1-maximising threshold: the model predicts a purchase.</summary>
    High,
}

/// <summary>The model's answer for one session.</summary>
/// <param name="Probability">P(purchase) in [0, 1].</param>
/// <param name="Level">The probability against the manifest's cut-offs.</param>
/// <param name="TopFactors">The features that moved the probability most, largest effect first.</param>
public sealed record PurchaseIntentEstimate(double Probability, PurchaseIntentLevel Level, IReadOnlyList<PurchaseIntentFactor> TopFactors);

/// <summary>
/// One feature's effect: the probability minus the probability with only this feature reset to the
/// training baseline (median / mode). Positive means the feature's value raised the probability.
/// </summary>
public sealed record PurchaseIntentFactor(string Feature, string Value, string Baseline, double Contribution);
