namespace IntentBot.Nlu.CustomIntents;

/// <summary>How one phrase was read when its fold was held out of the fit.</summary>
/// <param name="Expected">The custom intent it was written for, or <see cref="CustomIntentFit.BuiltIn"/> for a background phrase.</param>
/// <param name="Predicted">What the combined reading said: a custom intent, a built-in label, or the out-of-scope label.</param>
public sealed record CrossValidatedPhrase(string Expected, string Text, string Source, string Predicted, float Confidence);

/// <summary>The outcome of fitting custom intents: the head to use (null when there is none or errors forbid it),
/// every problem found, and the cross-validated readings of the examples and of the background.</summary>
public sealed record CustomIntentFit(CustomIntentHead? Head, IReadOnlyList<CustomIntentProblem> Problems, IReadOnlyList<CrossValidatedPhrase> CrossValidation)
{
    /// <summary>The "expected" value of background phrases: what the shop did not declare.</summary>
    public const string BuiltIn = "(built-in)";

    public bool HasErrors => Problems.Any(p => p.IsError);

    /// <summary>The head, or the errors as an exception that lists them.</summary>
    public CustomIntentHead? HeadOrThrow() => HasErrors ? throw new CustomIntentException(Problems.Where(p => p.IsError).ToList()) : Head;
}
