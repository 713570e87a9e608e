using System.Globalization;

namespace IntentBot.Agent.Dialogs;

/// <summary>
/// The small condition language of <c>when:</c> — clauses joined by <c>&amp;&amp;</c>, each "var" (set and not
/// false/zero/empty), "!var", "var == value" or "var != value", where value is a literal or another variable as
/// "$name" (e.g. <c>order_data_customer_id == $user_id</c>). Deliberately no more: logic belongs in plugins.
/// </summary>
public sealed record Condition(IReadOnlyList<Condition.Clause> Clauses)
{
    public sealed record Clause(string Variable, string? Expected, bool Negate);

    public IEnumerable<string> Variables => Clauses.Select(c => c.Variable)
        .Concat(Clauses.Where(c => c.Expected is ['$', ..]).Select(c => c.Expected![1..]));

    public static Condition Parse(string text) =>
        new(text.Split("&&", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseClause).ToList());

    private static Clause ParseClause(string t)
    {
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false) })
        {
            var at = t.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
                return new Clause(t[..at].Trim(), t[(at + 2)..].Trim().Trim('\'', '"'), negate);
        }
        return t.StartsWith('!') ? new Clause(t[1..].Trim(), null, true) : new Clause(t, null, false);
    }

    public bool Holds(IReadOnlyDictionary<string, string> variables) => Clauses.All(c =>
    {
        variables.TryGetValue(c.Variable, out var value);
        var expected = c.Expected is ['$', ..] ? variables.GetValueOrDefault(c.Expected[1..]) ?? "" : c.Expected;
        var result = expected is null
            ? IsTruthy(value)
            : string.Equals(value ?? "", expected, StringComparison.OrdinalIgnoreCase);
        return c.Negate ? !result : result;
    });

    // A zero amount is false however the shop writes it ("0", "0.0"): "!policy_data_return_shipping_fee" means free.
    public static bool IsTruthy(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value is not ("false" or "False" or "0" or "null" or "[]")
        && !(decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number == 0);
}
