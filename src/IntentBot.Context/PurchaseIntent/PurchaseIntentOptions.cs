using System.ComponentModel.DataAnnotations;

namespace IntentBot.Context.PurchaseIntent;

/// <summary>Where the purchase-intent model lives. Bound from the "PurchaseIntent" section.</summary>
public sealed class PurchaseIntentOptions
{
    public const string SectionName = "PurchaseIntent";

    /// <summary>The model folder (manifest.json + model.onnx), relative to the IntentBot home unless absolute.</summary>
    [Required] public string ModelPath { get; set; } = "models/purchase-intent";

    /// <summary>How many features an estimate explains.</summary>
    [Range(0, 17)] public int TopFactors { get; set; } = 3;
}
