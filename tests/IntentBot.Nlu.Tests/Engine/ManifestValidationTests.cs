using System.Text.Json.Nodes;
using IntentBot.Nlu.Manifest;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>A broken model folder must stop loading with a message naming the file and the field.</summary>
public sealed class ManifestValidationTests
{
    private static NluOptions Cpu => new() { ExecutionProvider = ExecutionProviderKind.Cpu };

    private static ModelLoadException LoadBroken(Action<string, JsonObject> breakIt)
    {
        using var copy = TestPaths.CopyOfDefaultModel();
        var manifestPath = Path.Combine(copy.Path, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        breakIt(copy.Path, manifest);
        if (File.Exists(manifestPath) && manifest.Count > 0) File.WriteAllText(manifestPath, manifest.ToJsonString());
        return Assert.Throws<ModelLoadException>(() => NluEngine.Load(copy.Path, Cpu, NullLogger.Instance).DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public void The_shipped_model_loads()
    {
        var manifest = ManifestReader.Read(TestPaths.DefaultModel);
        Assert.Equal("intentbot-default", manifest.Name);
        // Not a fixed count: each model may add labels. Every label is named once and has a category.
        var labels = manifest.Heads!.Intent!.Labels!;
        Assert.Equal(labels.Count, labels.Select(l => l.Name).Distinct().Count());
        Assert.All(labels, l => Assert.False(string.IsNullOrEmpty(l.Category), $"{l.Name} has no category"));
        Assert.Contains(labels, l => l.Name == manifest.OutOfScope!.Label);
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        var ex = Assert.Throws<ModelLoadException>(() => ManifestReader.Read("/nonexistent/model"));
        Assert.Contains("/nonexistent/model", ex.Message);
    }

    [Fact]
    public void Missing_model_file_is_named()
    {
        var ex = LoadBroken((dir, _) => File.Delete(Path.Combine(dir, "model.onnx")));
        Assert.Contains("files.model", ex.Message);
        Assert.Contains("model.onnx", ex.Message);
    }

    [Fact]
    public void Missing_vocab_file_is_named()
    {
        var ex = LoadBroken((dir, _) => File.Delete(Path.Combine(dir, "vocab.txt")));
        Assert.Contains("files.vocab", ex.Message);
    }

    [Fact]
    public void Missing_manifest_is_named()
    {
        var ex = LoadBroken((dir, m) => { File.Delete(Path.Combine(dir, "manifest.json")); m.Clear(); });
        Assert.Contains("manifest.json", ex.Message);
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void Invalid_json_is_reported()
    {
        var ex = LoadBroken((dir, m) => { File.WriteAllText(Path.Combine(dir, "manifest.json"), "{ \"name\": "); m.Clear(); });
        Assert.Contains("not valid JSON", ex.Message);
    }

    [Fact]
    public void Label_count_that_does_not_match_the_output_shape_is_refused()
    {
        var labels = ManifestReader.Read(TestPaths.DefaultModel).Heads!.Intent!.Labels!.Count;
        var ex = LoadBroken((_, m) => m["heads"]!["intent"]!["labels"]!.AsArray().RemoveAt(0));
        Assert.Contains("heads.intent", ex.Message);
        Assert.Contains($"{labels - 1} labels", ex.Message);
    }

    [Fact]
    public void Unknown_output_name_is_refused()
    {
        var ex = LoadBroken((_, m) => m["heads"]!["sentiment"]!["output"] = "sentiment_probs");
        Assert.Contains("'sentiment_probs' is not a model output", ex.Message);
    }

    [Fact]
    public void Unknown_input_name_is_refused()
    {
        var ex = LoadBroken((_, m) => m["inputs"]!["inputIds"] = "ids");
        Assert.Contains("input 'ids'", ex.Message);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var ex = LoadBroken((_, m) =>
        {
            m.Remove("version");
            m["tokenizer"]!["type"] = "sentencepiece";
            m["outOfScope"]!["confidenceThreshold"] = 1.5;
            m["outOfScope"]!["label"] = "nonsense";
        });
        Assert.Contains("version: missing", ex.Message);
        Assert.Contains("tokenizer.type", ex.Message);
        Assert.Contains("confidenceThreshold", ex.Message);
        Assert.Contains("outOfScope.label: 'nonsense'", ex.Message);
    }

    [Fact]
    public void Sentiment_labels_must_be_the_three_classes()
    {
        var ex = LoadBroken((_, m) => m["heads"]!["sentiment"]!["labels"]![1]!["name"] = "mixed");
        Assert.Contains("heads.sentiment.labels", ex.Message);
    }

    [Fact]
    public void Duplicate_intent_labels_are_refused()
    {
        var ex = LoadBroken((_, m) => m["heads"]!["intent"]!["labels"]![1]!["name"] = m["heads"]!["intent"]!["labels"]![0]!["name"]!.GetValue<string>());
        Assert.Contains("appears 2 times", ex.Message);
    }

    [Fact]
    public void Vocabulary_without_special_tokens_is_refused()
    {
        var ex = LoadBroken((dir, _) => File.WriteAllLines(Path.Combine(dir, "vocab.txt"), ["hello", "world"]));
        Assert.Contains("vocab.txt", ex.Message);
    }
}
