namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// Turns <see cref="PurchaseIntentFeatures"/> into the model's float input row. The manifest lists the
/// columns by name; each name is one rule here, mirrored by training/purchase_intent/features.py, and
/// the golden-file test holds the two to each other.
/// </summary>
internal sealed class FeatureVector
{
    /// <summary>The numeric UCI features: the value itself, an unknown (NaN) one replaced by the training median.</summary>
    public static readonly string[] NumericFeatures =
    [
        "Administrative", "Administrative_Duration", "Informational", "Informational_Duration",
        "ProductRelated", "ProductRelated_Duration", "BounceRates", "ExitRates", "PageValues", "SpecialDay",
        "OperatingSystems", "Browser", "Region", "TrafficType",
    ];

    private readonly Func<PurchaseIntentFeatures, double>[] _columns;
    private readonly IReadOnlyDictionary<string, double> _imputation;

    private FeatureVector(IReadOnlyList<string> names, IReadOnlyDictionary<string, double> imputation)
    {
        _imputation = imputation;
        _columns = names.Select(n => Rule(n) ?? throw new ArgumentException($"unknown feature '{n}'", nameof(names))).ToArray();
    }

    public int Length => _columns.Length;

    /// <summary>Null when every name is a known rule, else the first unknown name.</summary>
    public static string? FirstUnknown(IEnumerable<string> names) => names.FirstOrDefault(n => RuleExists(n) is false);

    public static FeatureVector Create(IReadOnlyList<string> names, IReadOnlyDictionary<string, double> imputation) =>
        new(names, imputation);

    /// <summary>Writes one row into <paramref name="row"/> (length <see cref="Length"/>).</summary>
    public void Write(PurchaseIntentFeatures f, Span<float> row)
    {
        Check(f);
        var imputed = Impute(f);
        for (var i = 0; i < _columns.Length; i++) row[i] = (float)_columns[i](imputed);
    }

    private PurchaseIntentFeatures Impute(PurchaseIntentFeatures f) => f with
    {
        Administrative = Or(f.Administrative, "Administrative"),
        Administrative_Duration = Or(f.Administrative_Duration, "Administrative_Duration"),
        Informational = Or(f.Informational, "Informational"),
        Informational_Duration = Or(f.Informational_Duration, "Informational_Duration"),
        ProductRelated = Or(f.ProductRelated, "ProductRelated"),
        ProductRelated_Duration = Or(f.ProductRelated_Duration, "ProductRelated_Duration"),
        BounceRates = Or(f.BounceRates, "BounceRates"),
        ExitRates = Or(f.ExitRates, "ExitRates"),
        PageValues = Or(f.PageValues, "PageValues"),
        SpecialDay = Or(f.SpecialDay, "SpecialDay"),
    };

    private double Or(double value, string name) => double.IsNaN(value) ? _imputation[name] : value;

    private static void Check(PurchaseIntentFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (PurchaseIntentFeatures.MonthNumber(f.Month) is null)
            throw new ArgumentException($"Month '{f.Month}' is not a month name (Jan, Feb, Mar, Apr, May, June, Jul, Aug, Sep, Oct, Nov, Dec).", nameof(f));
        if (f.VisitorType is not (PurchaseIntentFeatures.VisitorTypes.Returning or PurchaseIntentFeatures.VisitorTypes.New or PurchaseIntentFeatures.VisitorTypes.Other))
            throw new ArgumentException($"VisitorType '{f.VisitorType}' is not Returning_Visitor, New_Visitor or Other.", nameof(f));
        foreach (var name in NumericFeatures)
            if (double.IsInfinity(Numeric(f, name)))
                throw new ArgumentException($"{name} is infinite; use NaN for an unknown value.", nameof(f));
    }

    private static bool RuleExists(string name) => Rule(name) is not null;

    private static Func<PurchaseIntentFeatures, double>? Rule(string name)
    {
        if (Array.IndexOf(NumericFeatures, name) >= 0) return f => Numeric(f, name);
        const string visitorPrefix = "VisitorType=";
        if (name.StartsWith(visitorPrefix, StringComparison.Ordinal))
        {
            var type = name[visitorPrefix.Length..];
            return type is PurchaseIntentFeatures.VisitorTypes.Returning or PurchaseIntentFeatures.VisitorTypes.New or PurchaseIntentFeatures.VisitorTypes.Other
                ? f => f.VisitorType == type ? 1 : 0
                : null;
        }
        return name switch
        {
            "Weekend" => f => f.Weekend ? 1 : 0,
            "MonthNumber" => f => PurchaseIntentFeatures.MonthNumber(f.Month)!.Value,
            "TotalPages" => f => f.Administrative + f.Informational + f.ProductRelated,
            // -1 is Google Analytics' "not measured", which must not subtract from a total.
            "TotalDuration" => f => Math.Max(0, f.Administrative_Duration) + Math.Max(0, f.Informational_Duration) + Math.Max(0, f.ProductRelated_Duration),
            "ProductRelated_DurationPerPage" => f => Math.Max(0, f.ProductRelated_Duration) / Math.Max(1, f.ProductRelated),
            _ => null,
        };
    }

    internal static double Numeric(PurchaseIntentFeatures f, string name) => name switch
    {
        "Administrative" => f.Administrative,
        "Administrative_Duration" => f.Administrative_Duration,
        "Informational" => f.Informational,
        "Informational_Duration" => f.Informational_Duration,
        "ProductRelated" => f.ProductRelated,
        "ProductRelated_Duration" => f.ProductRelated_Duration,
        "BounceRates" => f.BounceRates,
        "ExitRates" => f.ExitRates,
        "PageValues" => f.PageValues,
        "SpecialDay" => f.SpecialDay,
        "OperatingSystems" => f.OperatingSystems,
        "Browser" => f.Browser,
        "Region" => f.Region,
        "TrafficType" => f.TrafficType,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a numeric UCI feature"),
    };
}
