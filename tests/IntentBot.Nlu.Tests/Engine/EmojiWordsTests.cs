using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>
/// The emoji table the pipeline trains with (training/emoji_words.tsv) read by the runtime. Parity with the
/// Python side over whole texts is the golden file's job; these pin the parser and the replacement rules.
/// </summary>
public sealed class EmojiWordsTests
{
    private static readonly string TrainingTable = Path.Combine(TestPaths.RepoRoot, "training", "emoji_words.tsv");

    private static EmojiWords Table(params string[] lines)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "emoji.tsv");
        File.WriteAllLines(path, lines);
        return EmojiWords.Load(path);
    }

    [Fact]
    public void The_training_table_loads_and_reads_common_emoji_as_words()
    {
        var table = EmojiWords.Load(TrainingTable);
        Assert.True(table.Count >= 100, $"only {table.Count} emoji");
        Assert.Equal("still late  angry  angry ", table.Apply("still late 😡😡"));
        Assert.Equal("ok great ok", table.Apply("ok👌ok"));
    }

    [Fact]
    public void Text_without_listed_emoji_is_returned_unchanged_and_not_copied()
    {
        var table = Table("U+1F621\t😡\tangry");
        const string plain = "Where is my order W100001?";
        Assert.Same(plain, table.Apply(plain));
        const string otherSymbols = "caf\u00e9 \u2192 \u4e2d\u6587 \U0001F680";   // listed nowhere: kept for the tokenizer to drop
        Assert.Same(otherSymbols, table.Apply(otherSymbols));
    }

    [Fact]
    public void Skin_tones_joiners_and_lone_surrogates_pass_through_for_the_tokenizer_to_drop()
    {
        var table = Table("U+1F44D\t👍\tgood", "U+1F926\t🤦\tfacepalm");
        Assert.Equal(" good \U0001F3FD", table.Apply("👍🏽"));
        Assert.Equal(" facepalm \u200d\u2640\ufe0f", table.Apply("🤦\u200d\u2640\ufe0f"));
        Assert.Equal("a\ud83d good b", table.Apply("a\ud83d👍b"));
    }

    [Theory]
    [InlineData("1F621\t😡\tangry")]          // no U+ prefix
    [InlineData("U+1F621\tangry")]            // glyph column missing
    [InlineData("U+0041\tA\tletter a")]       // below U+2000: would break the fast path
    [InlineData("U+1F621\t😡\t ")]            // no words
    [InlineData("U+ZZZZ\t?\tnothing")]        // not hexadecimal
    [InlineData("U+D83D\t?\tsurrogate")]      // a surrogate is never a code point of its own
    public void A_malformed_line_fails_the_model_load_naming_the_line(string line)
    {
        var ex = Assert.Throws<ModelLoadException>(() => Table("# comment", line));
        Assert.Contains(":2:", ex.Message);
    }

    [Fact]
    public void A_code_point_listed_twice_is_rejected()
    {
        var ex = Assert.Throws<ModelLoadException>(() => Table("U+1F621\t😡\tangry", "U+1F621\t😡\tmad"));
        Assert.Contains("twice", ex.Message);
    }

    [Fact]
    public void A_manifest_naming_a_missing_emoji_file_is_rejected_at_load()
    {
        using var model = TestPaths.CopyOfDefaultModel();
        var manifestPath = Path.Combine(model.Path, "manifest.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        json["files"]!["emoji"] = "no-such-emoji.tsv";
        File.WriteAllText(manifestPath, json.ToJsonString());
        var ex = Assert.Throws<ModelLoadException>(() => ManifestReader.Read(model.Path));
        Assert.Contains("files.emoji", ex.Message);
    }
}
