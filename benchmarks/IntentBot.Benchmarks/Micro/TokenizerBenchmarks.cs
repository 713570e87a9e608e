using BenchmarkDotNet.Attributes;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;

namespace IntentBot.Benchmarks.Micro;

/// <summary>BERT word-piece encoding, which runs on the caller's thread for every text.</summary>
public class TokenizerBenchmarks
{
    private TextEncoder _encoder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Corpus.ModelDirectory;
        var manifest = ManifestReader.Read(dir);
        _encoder = TextEncoder.ForModel(dir, manifest);
    }

    [Benchmark(Description = "Encode short (~8 words)")]
    public EncodedText ShortText() => _encoder.Encode(Corpus.Short);

    [Benchmark(Description = "Encode medium (~30 words)")]
    public EncodedText MediumText() => _encoder.Encode(Corpus.Medium);

    [Benchmark(Description = "Encode long (~120 words, truncated)")]
    public EncodedText LongText() => _encoder.Encode(Corpus.Long);
}
