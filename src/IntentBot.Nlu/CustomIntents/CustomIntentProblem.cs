namespace IntentBot.Nlu.CustomIntents;

/// <summary>Something a shop should fix in its custom intents, with the phrase concerned.</summary>
/// <param name="IsError">True when the intents cannot be used as written (the load is refused); false for a
/// warning (the intents are used, the phrase named is left out or may be misread).</param>
/// <param name="Source">The file that declared the intent.</param>
/// <param name="Message">What is wrong and how to fix it, naming the phrase.</param>
public sealed record CustomIntentProblem(bool IsError, string Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>Custom intents that cannot be used; the message lists every error, one per line.</summary>
public sealed class CustomIntentException(IReadOnlyList<CustomIntentProblem> problems)
    : Exception("Invalid custom intents:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<CustomIntentProblem> Problems { get; } = problems;
}
