using System.ComponentModel.DataAnnotations;

namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// The knobs of <see cref="LiveSessionFeatureMapper"/>: what to assume for what a live shop cannot know in
/// the UCI sense. Defaults are the training data's most common values; docs/purchase-intent.md explains each.
/// </summary>
public sealed class LiveSessionMappingOptions
{
    public const string SectionName = "PurchaseIntent:LiveMapping";

    /// <summary>Google Analytics codes unknown live: the training mode is used (OperatingSystems 2, Browser 2, Region 1, TrafficType 2).</summary>
    [Range(1, 100)] public int OperatingSystems { get; set; } = 2;
    [Range(1, 100)] public int Browser { get; set; } = 2;
    [Range(1, 100)] public int Region { get; set; } = 1;
    [Range(1, 100)] public int TrafficType { get; set; } = 2;

    /// <summary>VisitorType when the shop cannot tell new from returning: the training mode.</summary>
    [Required, AllowedValues(PurchaseIntentFeatures.VisitorTypes.Returning, PurchaseIntentFeatures.VisitorTypes.New, PurchaseIntentFeatures.VisitorTypes.Other)]
    public string UnknownVisitorType { get; set; } = PurchaseIntentFeatures.VisitorTypes.Returning;

    /// <summary>Time zone of the shop (IANA or Windows id) for Month and Weekend; the session's local date is what the data set recorded.</summary>
    [Required] public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Dates of the shop's special days (e.g. Mother's Day, Valentine's Day). Empty: SpecialDay is always 0.</summary>
    public List<DateOnly> SpecialDays { get; set; } = [];

    /// <summary>
    /// PageValues estimate when the analytics gives none: (CartValueWeight × cart value + ViewedValueWeight ×
    /// Σ prices viewed) ÷ page views × CurrencyScale, capped at PageValueCap.
    /// </summary>
    [Range(0, 1000)] public double CartValueWeight { get; set; } = 1.0;
    [Range(0, 1000)] public double ViewedValueWeight { get; set; } = 0.05;

    /// <summary>Shop currency → the training data's page-value unit; 1 unless calibrated against the shop's own history.</summary>
    [Range(1e-6, 1e6)] public double CurrencyScale { get; set; } = 1.0;

    /// <summary>The largest PageValues in the training data (361.76): nothing above it was ever seen.</summary>
    [Range(0, 1e6)] public double PageValueCap { get; set; } = 361.76;

    /// <summary>Count chat questions as visits to the page that would have answered them (see docs).</summary>
    public bool CountChatIntentsAsPages { get; set; } = true;
}
