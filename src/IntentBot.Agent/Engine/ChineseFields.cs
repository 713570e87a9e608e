using System.Text.Json;
using IntentBot.Shop.Rules;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Chinese forms of a plugin result's English fields, beside them as <c>…_zh</c> variables for the dialogs' Chinese
/// texts: statuses (order_data_status_zh), opening hours (contact_data_hours_zh), category names (…_category_zh),
/// the delivery options of a region (shipping_data_zh), payment methods (methods_data_zh), what a discount code
/// gives (check_data_zh) and amounts (invoice_data_total_zh). A field with no Chinese form gets the shop's own value.
/// </summary>
internal static class ChineseFields
{
    /// <summary>The Chinese variable of one field (<paramref name="name"/> is its variable name), if it has one.</summary>
    public static void AddField(Dictionary<string, string> variables, string name, string value)
    {
        // Statuses are snake_case words ("out_for_delivery"), said in Chinese by the engine's own table.
        if (name.EndsWith("_status", StringComparison.Ordinal) && EngineTexts.Zh.Status(value) is { } status) variables[name + "_zh"] = status;
        else if (name.EndsWith("_hours", StringComparison.Ordinal)) variables[name + "_zh"] = ChineseHours.Translate(value) ?? value;
        else if (name.EndsWith("_category", StringComparison.Ordinal) || name.EndsWith("_subcategory", StringComparison.Ordinal))
            variables[name + "_zh"] = ChineseNames.Category(value);
    }

    /// <summary>The Chinese variable of a whole list (<paramref name="name"/> is its variable name), if it has one: payment
    /// methods as one Chinese list ("信用卡/借记卡、PayPal、银行转账（预付）").</summary>
    public static void AddList(Dictionary<string, string> variables, string name, JsonElement list)
    {
        var methods = list.EnumerateArray().ToList();
        if (methods.Count == 0 || !methods.All(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out _)
            && m.TryGetProperty("name", out _) && m.TryGetProperty("notes", out _))) return;
        variables[name + "_zh"] = string.Join("、", methods.Select(m =>
            ChineseNames.PaymentMethod(m.GetProperty("id").GetString() ?? "", m.GetProperty("name").GetString() ?? "")));
    }

    /// <summary>The Chinese variable of a whole object (<paramref name="name"/> is its variable name), if it has one.</summary>
    public static void AddObject(Dictionary<string, string> variables, string name, JsonElement json)
    {
        if (ChineseShipping.Options(json) is { } shipping) variables[name + "_zh"] = shipping;
        if (ChinesePromotion.Describe(json) is { } promotion) variables[name + "_zh"] = promotion;
        // An amount with its currency ("total": 149.0, "currency": "EUR") reads as money: "€149.00".
        if (json.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number
            && json.TryGetProperty("currency", out var currency) && currency.GetString() is { Length: > 0 } code)
            variables[name + "_total_zh"] = Money.Format(total.GetDecimal(), code);
    }
}
