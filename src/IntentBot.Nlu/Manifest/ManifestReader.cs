using System.Text.Json;

namespace IntentBot.Nlu.Manifest;

/// <summary>Reads and validates manifest.json before anything expensive (the ONNX session) is built.</summary>
public static class ManifestReader
{
    public const string FileName = "manifest.json";
    private static readonly string[] SentimentLabels = ["negative", "neutral", "positive"];

    public static ModelManifest Read(string modelDirectory)
    {
        if (!Directory.Exists(modelDirectory))
            throw new ModelLoadException($"Model folder '{modelDirectory}' does not exist.");

        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path))
            throw new ModelLoadException($"{path}: file is missing; a model folder needs model.onnx, vocab.txt and {FileName}.");

        ModelManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize(stream, ManifestJsonContext.Default.ModelManifest);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{path}: not valid JSON ({ex.Message}).", ex);
        }

        if (manifest is null)
            throw new ModelLoadException($"{path}: the manifest is empty.");

        Validate(manifest, modelDirectory, path);
        return manifest;
    }

    private static void Validate(ModelManifest m, string directory, string path)
    {
        var errors = new List<string>();
        Require(m.Name, "name", errors);
        Require(m.Version, "version", errors);

        if (m.Files is null) errors.Add("files: missing (needs files.model and files.vocab)");
        else
        {
            RequireFile(directory, m.Files.Model, "files.model", errors);
            RequireFile(directory, m.Files.Vocab, "files.vocab", errors);
            if (m.Files.Emoji is not null) RequireFile(directory, m.Files.Emoji, "files.emoji", errors);
        }

        if (m.Tokenizer is null) errors.Add("tokenizer: missing");
        else
        {
            if (m.Tokenizer.Type != "bert-wordpiece")
                errors.Add($"tokenizer.type: '{m.Tokenizer.Type}' is not supported (expected 'bert-wordpiece')");
            if (m.Tokenizer.MaxSequenceLength is < 8 or > 4096)
                errors.Add($"tokenizer.maxSequenceLength: {m.Tokenizer.MaxSequenceLength} is outside 8..4096");
        }

        if (m.Inputs is null) errors.Add("inputs: missing");
        else
        {
            Require(m.Inputs.InputIds, "inputs.inputIds", errors);
            Require(m.Inputs.AttentionMask, "inputs.attentionMask", errors);
        }

        if (m.Heads?.Intent is null) errors.Add("heads.intent: missing");
        else ValidateHead(m.Heads.Intent, "heads.intent", requireCategory: true, errors);

        if (m.Heads?.Sentiment is null) errors.Add("heads.sentiment: missing");
        else
        {
            ValidateHead(m.Heads.Sentiment, "heads.sentiment", requireCategory: false, errors);
            var names = m.Heads.Sentiment.Labels?.Select(l => l.Name).Order(StringComparer.Ordinal).ToArray();
            if (names is not null && !names.SequenceEqual(SentimentLabels))
                errors.Add($"heads.sentiment.labels: must be exactly negative, neutral, positive (in any order), got {string.Join(", ", names)}");
        }

        if (m.OutOfScope is null) errors.Add("outOfScope: missing");
        else
        {
            if (m.OutOfScope.ConfidenceThreshold is < 0f or > 1f)
                errors.Add($"outOfScope.confidenceThreshold: {m.OutOfScope.ConfidenceThreshold} is outside 0..1");
            if (m.OutOfScope.Label is { } oos && m.Heads?.Intent?.Labels is { } labels && labels.All(l => l.Name != oos))
                errors.Add($"outOfScope.label: '{oos}' is not one of heads.intent.labels");
        }

        if (m.Embedding is not null)
        {
            Require(m.Embedding.Output, "embedding.output", errors);
            if (m.Embedding.Dimensions is < 1 or > 65536)
                errors.Add($"embedding.dimensions: {m.Embedding.Dimensions} is outside 1..65536");
        }

        if (errors.Count > 0)
            throw new ModelLoadException($"{path}: invalid manifest:{Environment.NewLine}  - " + string.Join(Environment.NewLine + "  - ", errors));
    }

    private static void ValidateHead(HeadSpec head, string field, bool requireCategory, List<string> errors)
    {
        Require(head.Output, field + ".output", errors);
        if (!(head.Temperature > 0f) || float.IsInfinity(head.Temperature))
            errors.Add($"{field}.temperature: must be a positive number, got {head.Temperature}");
        if (head.Labels is null || head.Labels.Count < 2)
        {
            errors.Add($"{field}.labels: needs at least two labels");
            return;
        }
        for (var i = 0; i < head.Labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(head.Labels[i].Name)) errors.Add($"{field}.labels[{i}].name: missing");
            if (requireCategory && string.IsNullOrWhiteSpace(head.Labels[i].Category)) errors.Add($"{field}.labels[{i}].category: missing");
        }
        foreach (var dup in head.Labels.GroupBy(l => l.Name).Where(g => g.Count() > 1 && g.Key is not null))
            errors.Add($"{field}.labels: '{dup.Key}' appears {dup.Count()} times");
    }

    private static void Require(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{field}: missing");
    }

    private static void RequireFile(string directory, string? relative, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(relative)) { errors.Add($"{field}: missing"); return; }
        var full = Path.Combine(directory, relative);
        if (!File.Exists(full)) errors.Add($"{field}: file '{full}' does not exist");
    }
}
