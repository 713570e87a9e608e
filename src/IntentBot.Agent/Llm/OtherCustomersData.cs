using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntentBot.Agent.Llm;

/// <summary>
/// Finds tool results that belong to another customer. The shop plugins look orders up by number alone (the
/// dialogs check the owner themselves), so on the LLM path a guessed order number would otherwise put a
/// stranger's order, address included, in front of the model and into its answer.
/// </summary>
internal static class OtherCustomersData
{
    public const string Replacement = "Not found: there is no such record for this customer.";

    /// <summary>True when any "customerId" in the result names someone other than <paramref name="customerId"/>.</summary>
    /// <exception cref="NotSupportedException">The result cannot be serialised, so it cannot be checked.</exception>
    public static bool Contains(object? result, string customerId)
    {
        if (result is null or string or ValueType) return false;
        var node = JsonSerializer.SerializeToNode(result, result.GetType());
        return NamesOther(node, customerId);
    }

    private static bool NamesOther(JsonNode? node, string customerId) => node switch
    {
        JsonObject obj => obj.Any(p =>
            (string.Equals(p.Key, "customerId", StringComparison.OrdinalIgnoreCase)
                && p.Value is JsonValue v && v.TryGetValue<string>(out var owner)
                && !string.Equals(owner, customerId, StringComparison.OrdinalIgnoreCase))
            || NamesOther(p.Value, customerId)),
        JsonArray array => array.Any(item => NamesOther(item, customerId)),
        _ => false,
    };
}
