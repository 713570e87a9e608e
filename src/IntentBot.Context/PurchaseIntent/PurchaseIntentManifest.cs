using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Context.PurchaseIntent;

/// <summary>models/purchase-intent/manifest.json, written by training/purchase_intent/train.py.</summary>
public sealed record PurchaseIntentManifest
{
    public string? Name { get; init; }
    public string? Version { get; init; }
    public ManifestModel? Model { get; init; }

    /// <summary>The model's input columns in order; each name is a rule of <see cref="FeatureVector"/>.</summary>
    public List<string>? Features { get; init; }

    /// <summary>Training medians that replace an unknown (NaN) numeric feature.</summary>
    public Dictionary<string, double>? Imputation { get; init; }

    /// <summary>The "typical session" each feature is reset to when measuring its contribution.</summary>
    public Dictionary<string, JsonElement>? ExplanationBaseline { get; init; }

    /// <summary>The F1-maximising threshold chosen by cross-validation: at or above it the model predicts a purchase.</summary>
    public double? Threshold { get; init; }

    public ManifestLevels? Levels { get; init; }

    /// <summary>Evaluation figures, for people; not read by the runtime.</summary>
    public JsonElement? Metrics { get; init; }

    public JsonElement? DataSource { get; init; }

    public sealed record ManifestModel
    {
        public string? File { get; init; }
        public string? Input { get; init; }
        public string? Output { get; init; }
    }

    /// <summary>Probability cut-offs: at or above Medium is "medium", at or above High is "high".</summary>
    public sealed record ManifestLevels
    {
        public double? Medium { get; init; }
        public double? High { get; init; }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(PurchaseIntentManifest))]
internal sealed partial class PurchaseIntentJsonContext : JsonSerializerContext;
