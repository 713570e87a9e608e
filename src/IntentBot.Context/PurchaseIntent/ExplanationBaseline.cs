using System.Text.Json;

namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// The "typical session" of the training data (medians of the numeric features, modes of the others)
/// that the explanation resets one feature at a time to, from manifest.explanationBaseline.
/// </summary>
internal static class ExplanationBaseline
{
    /// <summary>The 17 UCI features in the data set's order: the units an explanation speaks of.</summary>
    public static readonly string[] UciFeatures =
    [
        "Administrative", "Administrative_Duration", "Informational", "Informational_Duration",
        "ProductRelated", "ProductRelated_Duration", "BounceRates", "ExitRates", "PageValues", "SpecialDay",
        "Month", "OperatingSystems", "Browser", "Region", "TrafficType", "VisitorType", "Weekend",
    ];

    /// <summary>Parses the manifest's values; a <see cref="FormatException"/> message starts with the feature at fault.</summary>
    public static PurchaseIntentFeatures From(IReadOnlyDictionary<string, JsonElement> values)
    {
        double Number(string name)
        {
            var e = Get(name);
            if (e.ValueKind != JsonValueKind.Number || !double.IsFinite(e.GetDouble()))
                throw new FormatException($"{name}: expected a finite number, found {e.ValueKind}");
            return e.GetDouble();
        }
        int Code(string name)
        {
            var v = Number(name);
            if (v != Math.Floor(v) || v is < 0 or > int.MaxValue) throw new FormatException($"{name}: expected a whole number, found {v}");
            return (int)v;
        }
        string Text(string name)
        {
            var e = Get(name);
            return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{name}: expected a string, found {e.ValueKind}");
        }
        JsonElement Get(string name) => values.TryGetValue(name, out var e) ? e : throw new FormatException($"{name}: missing");

        var weekend = Get("Weekend");
        if (weekend.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new FormatException($"Weekend: expected true or false, found {weekend.ValueKind}");
        var month = Text("Month");
        if (PurchaseIntentFeatures.MonthNumber(month) is null) throw new FormatException($"Month: '{month}' is not a month name");
        var visitor = Text("VisitorType");
        if (visitor is not (PurchaseIntentFeatures.VisitorTypes.Returning or PurchaseIntentFeatures.VisitorTypes.New or PurchaseIntentFeatures.VisitorTypes.Other))
            throw new FormatException($"VisitorType: '{visitor}' is not a visitor type");

        return new PurchaseIntentFeatures
        {
            Administrative = Number("Administrative"),
            Administrative_Duration = Number("Administrative_Duration"),
            Informational = Number("Informational"),
            Informational_Duration = Number("Informational_Duration"),
            ProductRelated = Number("ProductRelated"),
            ProductRelated_Duration = Number("ProductRelated_Duration"),
            BounceRates = Number("BounceRates"),
            ExitRates = Number("ExitRates"),
            PageValues = Number("PageValues"),
            SpecialDay = Number("SpecialDay"),
            Month = month,
            OperatingSystems = Code("OperatingSystems"),
            Browser = Code("Browser"),
            Region = Code("Region"),
            TrafficType = Code("TrafficType"),
            VisitorType = visitor,
            Weekend = weekend.GetBoolean(),
        };
    }

    /// <summary><paramref name="session"/> with one UCI feature taken from <paramref name="baseline"/>.</summary>
    public static PurchaseIntentFeatures Reset(PurchaseIntentFeatures session, PurchaseIntentFeatures baseline, string feature) => feature switch
    {
        "Administrative" => session with { Administrative = baseline.Administrative },
        "Administrative_Duration" => session with { Administrative_Duration = baseline.Administrative_Duration },
        "Informational" => session with { Informational = baseline.Informational },
        "Informational_Duration" => session with { Informational_Duration = baseline.Informational_Duration },
        "ProductRelated" => session with { ProductRelated = baseline.ProductRelated },
        "ProductRelated_Duration" => session with { ProductRelated_Duration = baseline.ProductRelated_Duration },
        "BounceRates" => session with { BounceRates = baseline.BounceRates },
        "ExitRates" => session with { ExitRates = baseline.ExitRates },
        "PageValues" => session with { PageValues = baseline.PageValues },
        "SpecialDay" => session with { SpecialDay = baseline.SpecialDay },
        "Month" => session with { Month = baseline.Month },
        "OperatingSystems" => session with { OperatingSystems = baseline.OperatingSystems },
        "Browser" => session with { Browser = baseline.Browser },
        "Region" => session with { Region = baseline.Region },
        "TrafficType" => session with { TrafficType = baseline.TrafficType },
        "VisitorType" => session with { VisitorType = baseline.VisitorType },
        "Weekend" => session with { Weekend = baseline.Weekend },
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not a UCI feature"),
    };

    /// <summary>The value of one UCI feature as text, for explanations.</summary>
    public static string Describe(PurchaseIntentFeatures f, string feature) => feature switch
    {
        "Month" => f.Month,
        "VisitorType" => f.VisitorType,
        "Weekend" => f.Weekend ? "true" : "false",
        _ => FeatureVector.Numeric(f, feature).ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
    };
}
