using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Turns what a plugin function returned into template variables: a shop reply prints as its customer-ready sentence
/// ({{$order}}) and its JSON fields become order_text, order_data_status, order_data_items_count, ...
/// </summary>
internal static class PluginResults
{
    /// <summary>How plugin results are written as JSON (cards read the same shape).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Adds the variables of one result under <paramref name="output"/>; returns its JSON (for cards), or null when
    /// it is plain text.</summary>
    public static JsonElement? Store(Dictionary<string, string> variables, string output, object? value)
    {
        JsonElement json;
        if (value is null) { variables[output] = ""; return null; }
        if (value is string s)
        {
            variables[output] = s;
            var trimmed = s.TrimStart();
            if (!(trimmed.StartsWith('{') || trimmed.StartsWith('['))) return null;
            try { json = JsonDocument.Parse(s).RootElement.Clone(); }
            catch (JsonException) { return null; }
        }
        else json = JsonSerializer.SerializeToElement(value, value.GetType(), Json);
        if (value is not string) variables[output] = Scalar(json) ?? (value.ToString() is { } text && text != value.GetType().ToString() ? text : json.GetRawText());
        Flatten(variables, output, json, depth: 0);
        return json;
    }

    /// <summary>JSON fields become variables: order.status → order_status, order.shipment.carrier → order_shipment_carrier.</summary>
    private static void Flatten(Dictionary<string, string> variables, string prefix, JsonElement json, int depth)
    {
        if (json.ValueKind == JsonValueKind.Array)
        {
            // Lists give their size and their first element (the best match): products_count, products_first_id.
            variables[prefix + "_count"] = json.GetArrayLength().ToString(CultureInfo.InvariantCulture);
            ChineseFields.AddList(variables, prefix, json);
            if (json.GetArrayLength() > 0 && depth <= 3)
            {
                var first = json[0];
                variables[prefix + "_first"] = Scalar(first) ?? first.GetRawText();
                Flatten(variables, prefix + "_first", first, depth + 1);
            }
            return;
        }
        if (json.ValueKind != JsonValueKind.Object || depth > 3) return;
        ChineseFields.AddObject(variables, prefix, json);
        foreach (var property in json.EnumerateObject())
        {
            var name = prefix + "_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            variables[name] = Scalar(property.Value) ?? property.Value.GetRawText();
            if (property.Value.ValueKind == JsonValueKind.String) ChineseFields.AddField(variables, name, variables[name]);
            Flatten(variables, name, property.Value, depth + 1);
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => null,
    };
}
