using System.Text.Json;

namespace IntentBot.Context.PurchaseIntent;

/// <summary>Reads manifest.json and checks every field the runtime relies on, naming each fault precisely.</summary>
public static class PurchaseIntentManifestReader
{
    public const string FileName = "manifest.json";

    public static PurchaseIntentManifest Read(string modelDirectory)
    {
        if (!Directory.Exists(modelDirectory))
            throw new PurchaseIntentModelException($"Purchase-intent model folder '{modelDirectory}' does not exist.");
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path))
            throw new PurchaseIntentModelException($"{path}: file is missing; a purchase-intent model folder needs {FileName} and the ONNX file it names.");

        PurchaseIntentManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize(stream, PurchaseIntentJsonContext.Default.PurchaseIntentManifest);
        }
        catch (JsonException ex)
        {
            throw new PurchaseIntentModelException($"{path}: not valid JSON ({ex.Message}).", ex);
        }
        if (manifest is null)
            throw new PurchaseIntentModelException($"{path}: the manifest is empty.");

        var errors = Validate(manifest, modelDirectory);
        if (errors.Count > 0)
            throw new PurchaseIntentModelException($"{path}: {string.Join("; ", errors)}.");
        return manifest;
    }

    private static List<string> Validate(PurchaseIntentManifest m, string directory)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(m.Name)) errors.Add("name: missing");
        if (string.IsNullOrWhiteSpace(m.Version)) errors.Add("version: missing");

        if (m.Model is null) errors.Add("model: missing (needs model.file, model.input, model.output)");
        else
        {
            if (string.IsNullOrWhiteSpace(m.Model.File)) errors.Add("model.file: missing");
            else if (!File.Exists(Path.Combine(directory, m.Model.File)))
                errors.Add($"model.file: '{m.Model.File}' does not exist in the model folder");
            if (string.IsNullOrWhiteSpace(m.Model.Input)) errors.Add("model.input: missing");
            if (string.IsNullOrWhiteSpace(m.Model.Output)) errors.Add("model.output: missing");
        }

        if (m.Features is not { Count: > 0 }) errors.Add("features: missing or empty");
        else
        {
            if (FeatureVector.FirstUnknown(m.Features) is { } unknown)
                errors.Add($"features: '{unknown}' is not a feature this runtime can compute");
            var duplicate = m.Features.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) errors.Add($"features: '{duplicate.Key}' is listed twice");
        }

        if (m.Imputation is null) errors.Add("imputation: missing");
        else
            foreach (var name in FeatureVector.NumericFeatures)
                if (!m.Imputation.TryGetValue(name, out var v)) errors.Add($"imputation.{name}: missing");
                else if (!double.IsFinite(v)) errors.Add($"imputation.{name}: {v} is not a finite number");

        if (m.ExplanationBaseline is null) errors.Add("explanationBaseline: missing");
        else
            try { ExplanationBaseline.From(m.ExplanationBaseline); }
            catch (FormatException ex) { errors.Add($"explanationBaseline.{ex.Message}"); }

        if (m.Threshold is not { } threshold || !(threshold is > 0 and < 1))
            errors.Add($"threshold: {Show(m.Threshold)} is not a probability strictly between 0 and 1");
        if (m.Levels is null) errors.Add("levels: missing (needs levels.medium and levels.high)");
        else if (m.Levels.Medium is not { } medium || m.Levels.High is not { } high || !(medium is > 0 and < 1) || !(high is > 0 and < 1) || medium >= high)
            errors.Add($"levels: medium ({Show(m.Levels.Medium)}) and high ({Show(m.Levels.High)}) must be probabilities with 0 < medium < high < 1");
        return errors;
    }

    private static string Show(double? value) => value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "missing";
}
