namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// One shop session described with the 17 features of the UCI "Online Shoppers Purchasing Intention"
/// data set (Sakar et al. 2018), under the UCI names, which is what the purchase-intent model was trained on.
/// </summary>
/// <remarks>
/// The numeric features are doubles so that <see cref="double.NaN"/> can say "unknown": the model replaces
/// an unknown value by the training median written in its manifest (the training data has such rows too).
/// Durations are seconds; -1 is the Google Analytics "duration not measured" value the data set uses.
/// </remarks>
public sealed record PurchaseIntentFeatures
{
    /// <summary>Account-management pages viewed (UCI "Administrative").</summary>
    public double Administrative { get; init; }
    public double Administrative_Duration { get; init; }

    /// <summary>Pages about the site, policies, contact (UCI "Informational").</summary>
    public double Informational { get; init; }
    public double Informational_Duration { get; init; }

    /// <summary>Product, category and search pages viewed (UCI "ProductRelated").</summary>
    public double ProductRelated { get; init; }
    public double ProductRelated_Duration { get; init; }

    /// <summary>Average Google Analytics bounce rate of the pages visited, 0..0.2 in the data.</summary>
    public double BounceRates { get; init; }

    /// <summary>Average Google Analytics exit rate of the pages visited, 0..0.2 in the data.</summary>
    public double ExitRates { get; init; }

    /// <summary>Average Google Analytics page value of the pages visited (value of the transactions they preceded).</summary>
    public double PageValues { get; init; }

    /// <summary>Closeness of the visit to a special day such as Mother's Day, 0..1 in steps of 0.2.</summary>
    public double SpecialDay { get; init; }

    /// <summary>Month with the data set's spelling: three letters except "June" (see <see cref="MonthName"/>).</summary>
    public string Month { get; init; } = "May";

    public int OperatingSystems { get; init; } = 2;
    public int Browser { get; init; } = 2;
    public int Region { get; init; } = 1;
    public int TrafficType { get; init; } = 2;

    /// <summary>"Returning_Visitor", "New_Visitor" or "Other" (see <see cref="VisitorTypes"/>).</summary>
    public string VisitorType { get; init; } = VisitorTypes.Returning;

    public bool Weekend { get; init; }

    private static readonly string[] MonthNames =
        ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The data set's spelling of a calendar month (1 = January): "June" is spelled out, the rest are three letters.</summary>
    public static string MonthName(int month) => month is >= 1 and <= 12
        ? MonthNames[month - 1]
        : throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1..12.");

    /// <summary>The calendar month (1..12) of a data-set month name, or null when the name is not one.</summary>
    public static int? MonthNumber(string name)
    {
        var index = Array.FindIndex(MonthNames, m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index + 1 : null;
    }

    /// <summary>The visitor types of the data set.</summary>
    public static class VisitorTypes
    {
        public const string Returning = "Returning_Visitor";
        public const string New = "New_Visitor";
        public const string Other = "Other";
    }
}
