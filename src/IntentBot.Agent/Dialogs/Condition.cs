namespace IntentBot.Agent.Dialogs;

/// <summary>
/// The small condition language of <c>when:</c> — "var" (set and not false/0/empty), "!var",
/// "var == value", "var != value". Deliberately no more: branching logic belongs in plugins.
/// </summary>
public sealed record Condition(string Variable, string? Expected, bool Negate)
{
    public static Condition Parse(string text)
    {
        var t = text.Trim();
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false) })
        {
            var at = t.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
                return new Condition(t[..at].Trim(), t[(at + 2)..].Trim().Trim('\'', '"'), negate);
        }
        return t.StartsWith('!') ? new Condition(t[1..].Trim(), null, true) : new Condition(t, null, false);
    }

    public bool Holds(IReadOnlyDictionary<string, string> variables)
    {
        variables.TryGetValue(Variable, out var value);
        var result = Expected is null
            ? IsTruthy(value)
            : string.Equals(value ?? "", Expected, StringComparison.OrdinalIgnoreCase);
        return Negate ? !result : result;
    }

    public static bool IsTruthy(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value is not ("false" or "False" or "0" or "null" or "[]");
}
