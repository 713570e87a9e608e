using System.Text.Json;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>
/// The runtime must tokenize exactly as the training pipeline did. training/golden holds strings (accents,
/// CJK, emoji, punctuation, control characters, RTL…) with the ids the pipeline fed the model.
/// </summary>
public sealed class TokenizerParityTests
{
    private static readonly TextEncoder Encoder = CreateEncoder();

    private static TextEncoder CreateEncoder()
    {
        var manifest = ManifestReader.Read(TestPaths.DefaultModel);
        return TextEncoder.ForModel(TestPaths.DefaultModel, manifest);
    }

    private sealed record Golden(string Text, int[] Ids);

    public static TheoryData<int> GoldenRows()
    {
        var data = new TheoryData<int>();
        var count = File.ReadLines(TestPaths.GoldenTokenizerFile).Count(l => l.Length > 0);
        for (var i = 0; i < count; i++) data.Add(i);
        return data;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Golden[] Rows = File.ReadLines(TestPaths.GoldenTokenizerFile)
        .Where(l => l.Length > 0)
        .Select(l => JsonSerializer.Deserialize<Golden>(l, Web)!)
        .ToArray();

    [Fact]
    public void Golden_file_covers_a_few_hundred_varied_strings()
    {
        Assert.True(Rows.Length >= 200, $"only {Rows.Length} golden rows");
        Assert.Contains(Rows, r => r.Text.Any(c => c >= '\u4e00' && c <= '\u9fff'));          // CJK
        Assert.Contains(Rows, r => r.Text.Any(char.IsSurrogate));                              // emoji
        Assert.Contains(Rows, r => r.Text.Any(c => c >= '\u0590' && c <= '\u06ff'));           // Hebrew / Arabic
        Assert.Contains(Rows, r => r.Text.Any(c => c is >= '\u00c0' and <= '\u017f'));       // accented Latin
    }

    [Theory]
    [MemberData(nameof(GoldenRows))]
    public void Ids_equal_the_training_pipeline(int row)
    {
        var golden = Rows[row];
        Assert.Equal(golden.Ids, Encoder.EncodeFull(golden.Text));
    }

    [Fact]
    public void Long_text_is_truncated_to_the_window_and_flagged()
    {
        var text = string.Join(' ', Enumerable.Repeat("my parcel never arrived and nobody answers", 60));
        var encoded = Encoder.Encode(text);
        Assert.True(encoded.Truncated);
        Assert.Equal(Encoder.MaxSequenceLength, encoded.Ids.Length);
        var full = Encoder.EncodeFull(text);
        Assert.Equal(full[0], encoded.Ids[0]);      // [CLS] kept
        Assert.Equal(full[^1], encoded.Ids[^1]);    // [SEP] kept at the end
    }

    [Fact]
    public void Short_text_is_not_flagged()
    {
        var encoded = Encoder.Encode("where is my order?");
        Assert.False(encoded.Truncated);
        Assert.Equal(Encoder.EncodeFull("where is my order?"), encoded.Ids);
    }
}
