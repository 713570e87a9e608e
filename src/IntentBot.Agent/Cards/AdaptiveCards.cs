using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Protocol.Activities;

namespace IntentBot.Agent.Cards;

/// <summary>
/// Adaptive Cards (schema 1.5) for orders and products, built from what a plugin function returned (read as
/// JSON, tolerant of field names), so channels that render cards show facts at a glance.
/// </summary>
public static class AdaptiveCards
{
    private const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>An order card from an order view (or a reply/outcome wrapping one in "data" or "order").</summary>
    /// <param name="language">"en" or "zh": the language of the card's labels.</param>
    public static Attachment? Order(JsonElement data, string language = "en")
    {
        string L(string english) => Label(language, english);
        var order = FindObject(data, o => Str(o, "number", "orderNumber") is not null && Get(o, "status") is not null, "data", "order");
        if (order is not { } o) return null;
        var number = Str(o, "number", "orderNumber")!;
        var facts = new JsonArray();
        var status = language == Engine.Language.Chinese && Str(o, "status") is { } code ? Engine.EngineTexts.Zh.Status(code) : null;
        AddFact(facts, L("Status"), status ?? Str(o, "statusText") ?? Humanise(Str(o, "status")));
        AddFact(facts, L("Placed"), DateOnlyText(Str(o, "placedOn", "placedAt")));
        AddFact(facts, L("Total"), Str(o, "total") ?? (Get(o, "totals") is { ValueKind: JsonValueKind.Object } totals ? Money(totals, "total") : null));
        AddFact(facts, L("Ship to"), Str(o, "shipTo"));
        AddFact(facts, L("Estimated delivery"), DateOnlyText(Str(o, "estimatedDelivery")));
        AddFact(facts, L("Delivered"), DateOnlyText(Str(o, "deliveredOn")));
        AddFact(facts, L("Carrier"), Str(o, "carrier"));
        AddFact(facts, L("Tracking number"), Str(o, "trackingNumber"));
        var trackingUrl = Str(o, "trackingUrl");
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = language == Engine.Language.Chinese ? $"订单 {number}" : $"Order {number}", ["weight"] = "Bolder", ["size"] = "Medium" },
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
        };
        if (Get(o, "items") is { ValueKind: JsonValueKind.Array } items)
            foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Take(5))
                body.Add(new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["spacing"] = "Small",
                    ["text"] = language == Engine.Language.Chinese ? Engine.ChineseNames.OrderLine(item.GetString()!) : item.GetString() });
        var actions = new JsonArray();
        if (trackingUrl is not null)
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = L("Track parcel"), ["url"] = trackingUrl });
        return Card(body, actions);
    }

    /// <summary>One card per product (shown as a carousel), at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<Attachment> Products(JsonElement data, int limit = 5, string language = "en")
    {
        var list = FindProducts(data);
        return list.Take(limit).Select(p => ProductCard(p, language)).OfType<Attachment>().ToList();
    }

    public static Attachment? Product(JsonElement data, string language = "en") =>
        FindObject(data, p => Str(p, "name") is not null && Get(p, "price") is not null, "data", "product") is { } product ? ProductCard(product, language) : null;

    private static Attachment? ProductCard(JsonElement product, string language)
    {
        string L(string english) => Label(language, english);
        var name = Str(product, "name");
        if (name is null) return null;
        var facts = new JsonArray();
        var chinese = language == Engine.Language.Chinese;
        AddFact(facts, L("Brand"), Str(product, "brand"));
        // A Chinese card names the kind of product in Chinese instead of the shop's English description.
        if (chinese && (Str(product, "subcategory") ?? Str(product, "category")) is { } kind) AddFact(facts, "类别", Engine.ChineseNames.Category(kind));
        if (Get(product, "rating") is { ValueKind: JsonValueKind.Number } rating)
            AddFact(facts, L("Rating"), $"{rating.GetDouble().ToString("0.0", CultureInfo.InvariantCulture)} / 5");
        if (Get(product, "stock") is { ValueKind: JsonValueKind.Number } stock)
            AddFact(facts, L("Availability"), stock.GetInt32() == 0 ? L("Out of stock")
                : stock.GetInt32() < 5 ? string.Format(CultureInfo.InvariantCulture, L("Only {0} left"), stock.GetInt32()) : L("In stock"));
        var body = new JsonArray();
        if (WebUrl(Str(product, "imageUrl"), allowPath: true) is { } image)
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = image, ["altText"] = name, ["size"] = "Stretch" });
        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = name, ["weight"] = "Bolder", ["wrap"] = true, ["maxLines"] = 3 });
        // The price is what a shopper looks for first: its own large line rather than one fact among many.
        if ((Str(product, "priceText") ?? Money(product, "price")) is { } price)
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = price, ["weight"] = "Bolder", ["size"] = "Large", ["color"] = "Accent", ["spacing"] = "Small" });
        if (facts.Count > 0) body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        if (!chinese && Str(product, "description") is { } description)
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = description, ["wrap"] = true, ["isSubtle"] = true, ["maxLines"] = 3 });
        var actions = new JsonArray();
        if (WebUrl(Str(product, "url"), allowPath: false) is { } page)
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = L("View product"), ["url"] = page });
        return Card(body, actions);
    }

    /// <summary>
    /// An http(s) URL, or (for pictures the bot serves itself) a path on the bot's origin; anything else
    /// (javascript:, data:, protocol-relative) is dropped, since the shop's data ends up as links in the page.
    /// </summary>
    private static string? WebUrl(string? value, bool allowPath)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (allowPath && value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal)) return value;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri : null;
    }

    private static List<JsonElement> FindProducts(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Array)
            return data.EnumerateArray().Select(e => Unwrap(e, "product") ?? e).Where(e => Str(e, "name") is not null).ToList();
        if (data.ValueKind != JsonValueKind.Object) return [];
        foreach (var name in new[] { "data", "items", "products", "results", "matches", "related" })
            if (Get(data, name) is { ValueKind: JsonValueKind.Array or JsonValueKind.Object } inner && FindProducts(inner) is { Count: > 0 } found)
                return found;
        return Str(data, "name") is not null && Get(data, "price") is not null ? [data] : [];
    }

    private static Attachment Card(JsonArray body, JsonArray actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Count > 0) card["actions"] = actions;
        return new Attachment
        {
            ContentType = AttachmentContentTypes.AdaptiveCard,
            Content = JsonSerializer.SerializeToElement(card, CardJsonContext.Default.JsonObject),
        };
    }

    /// <summary>The object itself when it matches, else the first matching one under the given properties (depth 2).</summary>
    private static JsonElement? FindObject(JsonElement data, Func<JsonElement, bool> matches, params string[] wrappers)
    {
        if (data.ValueKind != JsonValueKind.Object) return null;
        if (matches(data)) return data;
        foreach (var wrapper in wrappers)
            if (Get(data, wrapper) is { ValueKind: JsonValueKind.Object } inner && FindObject(inner, matches, wrappers) is { } found)
                return found;
        return null;
    }

    private static JsonElement? Unwrap(JsonElement data, string property) =>
        data.ValueKind == JsonValueKind.Object && Get(data, property) is { ValueKind: JsonValueKind.Object } inner ? inner
        : data.ValueKind == JsonValueKind.Object ? data : null;

    private static JsonElement? Get(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null)
                return p.Value;
        return null;
    }

    private static string? Str(JsonElement obj, params string[] names)
    {
        foreach (var name in names)
            if (Get(obj, name) is { } v)
                return v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                    _ => null,
                };
        return null;
    }

    private static string? Money(JsonElement obj, string amountField)
    {
        if (Get(obj, amountField) is not { ValueKind: JsonValueKind.Number } amount) return null;
        var currency = Str(obj, "currency") ?? "";
        return $"{amount.GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)} {currency}".Trim();
    }

    private static string? DateOnlyText(string? value) =>
        value is null ? null : value.Length >= 10 ? value[..10] : value;

    private static string? Humanise(string? status) => status?.Replace('_', ' ');

    /// <summary>A card label in the conversation's language (the English label is the key).</summary>
    private static string Label(string language, string english) =>
        language == Engine.Language.Chinese && ChineseLabels.TryGetValue(english, out var chinese) ? chinese : english;

    private static readonly Dictionary<string, string> ChineseLabels = new(StringComparer.Ordinal)
    {
        ["Status"] = "状态", ["Placed"] = "下单日期", ["Total"] = "总额", ["Ship to"] = "收货地", ["Estimated delivery"] = "预计送达",
        ["Delivered"] = "送达日期", ["Carrier"] = "承运商", ["Tracking number"] = "运单号", ["Track parcel"] = "查看物流",
        ["Brand"] = "品牌", ["Rating"] = "评分", ["Availability"] = "库存", ["Out of stock"] = "缺货", ["Only {0} left"] = "仅剩 {0} 件",
        ["In stock"] = "有货", ["View product"] = "查看商品",
    };

    private static void AddFact(JsonArray facts, string title, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) facts.Add(new JsonObject { ["title"] = title, ["value"] = value });
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class CardJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
