using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Shop;

/// <summary>
/// The one JSON shape for the seed files and the HTTP contract: camelCase properties, snake_case enum values
/// ("pending_payment"), ISO dates.
/// </summary>
public static class ShopJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
