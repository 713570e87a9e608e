using System.Text.Json.Nodes;
using IntentBot.Nlu.Manifest;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>The shipped model's third output: an L2-normalised sentence embedding that every result carries.</summary>
public sealed class SentenceEmbeddingTests(SharedEngine shared) : IClassFixture<SharedEngine>
{
    private static NluOptions Cpu => new() { ExecutionProvider = ExecutionProviderKind.Cpu };

    [Fact]
    public async Task Every_result_carries_a_unit_length_embedding_of_the_manifest_size()
    {
        var results = await shared.Engine.ClassifyAsync(["where is my parcel", "你好", "ok"]);
        Assert.True(shared.Engine.Model.EmbeddingDimensions > 0);
        foreach (var r in results)
        {
            Assert.NotNull(r.Embedding);
            Assert.Equal(shared.Engine.Model.EmbeddingDimensions, r.Embedding!.Length);
            Assert.Equal(1.0, Math.Sqrt(r.Embedding.Sum(x => (double)x * x)), 2);
        }
    }

    [Fact]
    public async Task Paraphrases_are_closer_than_unrelated_messages()
    {
        var r = await shared.Engine.ClassifyAsync(
            ["where is my parcel?", "my package still hasn't arrived", "what's the weather like in Paris tomorrow"]);
        var paraphrase = Cosine(r[0].Embedding!, r[1].Embedding!);
        var unrelated = Cosine(r[0].Embedding!, r[2].Embedding!);
        Assert.True(paraphrase > unrelated + 0.1, $"paraphrase {paraphrase:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task An_embedding_does_not_depend_on_its_batch_mates()
    {
        var alone = (await shared.Engine.ClassifyAsync(["can I return these shoes"]))[0].Embedding!;
        var batched = (await shared.Engine.ClassifyAsync(
            ["hello", "can I return these shoes", "the delivery driver was rude and left my parcel in the rain"]))[1].Embedding!;
        Assert.True(Cosine(alone, batched) > 0.99);
    }

    [Fact]
    public void An_embedding_output_the_model_lacks_is_refused()
    {
        using var copy = TestPaths.CopyOfDefaultModel();
        var path = Path.Combine(copy.Path, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        manifest["embedding"]!["output"] = "pooled";
        File.WriteAllText(path, manifest.ToJsonString());
        var ex = Assert.Throws<ModelLoadException>(() => NluEngine.Load(copy.Path, Cpu, NullLogger.Instance).DisposeAsync().AsTask().GetAwaiter().GetResult());
        Assert.Contains("embedding.output 'pooled' is not a model output", ex.Message);
    }

    [Fact]
    public void An_embedding_size_that_does_not_match_the_output_is_refused()
    {
        using var copy = TestPaths.CopyOfDefaultModel();
        var path = Path.Combine(copy.Path, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        manifest["embedding"]!["dimensions"] = 128;
        File.WriteAllText(path, manifest.ToJsonString());
        var ex = Assert.Throws<ModelLoadException>(() => NluEngine.Load(copy.Path, Cpu, NullLogger.Instance).DisposeAsync().AsTask().GetAwaiter().GetResult());
        Assert.Contains("expected [batch, 128]", ex.Message);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}
