namespace IntentBot.Nlu.Tests.Engine;

/// <summary>Real inference with the shipped model through ONNX Runtime.</summary>
public sealed class InferenceTests(SharedEngine shared) : IClassFixture<SharedEngine>
{
    private NluEngine Engine => shared.Engine;

    [Fact]
    public async Task Result_has_probabilities_that_make_sense()
    {
        var result = (await Engine.ClassifyAsync(["I want to cancel my order"], topK: 5))[0];
        Assert.Equal(5, result.Intents.Count);
        Assert.Equal(result.Intent, result.Intents[0]);
        Assert.True(result.Intents.Zip(result.Intents.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
        Assert.InRange(result.Intent.Confidence, 0f, 1f);
        Assert.False(string.IsNullOrEmpty(result.Intent.Category));
        var s = result.Sentiment.Scores;
        Assert.Equal(1f, s.Negative + s.Neutral + s.Positive, 3);
        Assert.Contains(result.Sentiment.Label, new[] { "negative", "neutral", "positive" });
    }

    [Theory]
    [InlineData("where is my order? it should have arrived last week", "track_order")]
    [InlineData("I want to cancel my order", "cancel_order")]
    [InlineData("how do I reset my password", "recover_password")]
    [InlineData("hello there", "greeting")]
    [InlineData("thank you so much!", "thanks")]
    public async Task Obvious_messages_get_the_right_intent(string text, string intent)
    {
        var result = (await Engine.ClassifyAsync([text]))[0];
        Assert.Equal(intent, result.Intent.Label);
        Assert.False(result.OutOfScope);
    }

    [Theory]
    [InlineData("what's the weather going to be like in Paris tomorrow")]
    [InlineData("play some jazz music")]
    public async Task Unrelated_requests_are_out_of_scope(string text)
    {
        Assert.True((await Engine.ClassifyAsync([text]))[0].OutOfScope);
    }

    [Theory]
    [InlineData("🦄")]          // emoji outside the model's emoji table are dropped by the tokenizer
    [InlineData("🛸 🧿")]
    [InlineData("\u0007\u0001")]
    public async Task Texts_with_no_readable_token_are_out_of_scope(string text)
    {
        Assert.Equal(2, Engine.Encoder.Encode(text).Ids.Length); // only [CLS] and [SEP] are left
        Assert.True((await Engine.ClassifyAsync([text]))[0].OutOfScope);
    }

    [Theory]
    [InlineData("😡")]
    [InlineData("😍")]
    [InlineData("👍")]
    public void Emoji_in_the_models_table_reach_the_model_as_their_words(string emoji)
    {
        // Whatever the model, an emoji its table lists is read as the table's words, so it carries its tone.
        var manifest = ShippedModel.Manifest();
        Assert.False(string.IsNullOrEmpty(manifest.Files!.Emoji), "the shipped model has no emoji table");
        var table = Tokenization.EmojiWords.Load(Path.Combine(TestPaths.DefaultModel, manifest.Files.Emoji));
        var words = table.Apply(emoji).Trim();
        Assert.NotEqual(emoji, words);
        Assert.Equal(Engine.Encoder.EncodeFull(words), Engine.Encoder.EncodeFull(emoji));
        Assert.True(Engine.Encoder.Encode("still no parcel " + emoji).Ids.Length > Engine.Encoder.Encode("still no parcel").Ids.Length);
    }

    [Fact]
    public async Task Clear_tone_with_emoji_is_read()
    {
        var results = await Engine.ClassifyAsync(["still no parcel and nobody answers 😡😡😡", "I love it, great quality 😍"]);
        Assert.Equal("negative", results[0].Sentiment.Label);
        Assert.Equal("positive", results[1].Sentiment.Label);
    }

    [Fact]
    public async Task Sentiment_reads_praise_and_anger()
    {
        var results = await Engine.ClassifyAsync([
            "I love this dress, the fabric is beautiful and it fits perfectly",
            "terrible quality, it broke after one day and support ignored me",
        ]);
        Assert.Equal("positive", results[0].Sentiment.Label);
        Assert.Equal("negative", results[1].Sentiment.Label);
    }

    [Fact]
    public async Task Batch_answers_equal_single_answers_whatever_the_padding()
    {
        string[] texts = ["hi", "I was charged twice for order 12345, please refund me the extra payment", "宝贝很好，物流也快", "🙂"];
        var batch = await Engine.ClassifyAsync(texts, topK: 3);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = (await Engine.ClassifyAsync([texts[i]], topK: 3))[0];
            Assert.Equal(single.Intent.Label, batch[i].Intent.Label);
            Assert.Equal(single.Sentiment.Label, batch[i].Sentiment.Label);
            // Batch-mates do not move a text's probabilities (see Tolerance).
            Assert.InRange(Math.Abs(single.Intent.Confidence - batch[i].Intent.Confidence), 0f, Tolerance.Probability);
            Assert.InRange(Math.Abs(single.Sentiment.Scores.Positive - batch[i].Sentiment.Scores.Positive), 0f, Tolerance.Probability);
        }
    }

    [Fact]
    public async Task Long_text_is_reported_truncated()
    {
        var text = string.Join(". ", Enumerable.Repeat("The zipper broke and the seams are coming apart", 50));
        var result = (await Engine.ClassifyAsync([text]))[0];
        Assert.True(result.Truncated);
    }

    [Fact]
    public void Model_info_describes_the_loaded_model()
    {
        var m = Engine.Model;
        Assert.Equal("intentbot-default", m.Name);
        Assert.Equal("CPU", m.ExecutionProvider);
        // The label list grows with the model: the manifest is the authority on how many there are.
        Assert.Equal(ShippedModel.Manifest().Heads!.Intent!.Labels!.Select(l => l.Name), m.Intents.Select(i => i.Name));
        Assert.Equal(["negative", "neutral", "positive"], m.Sentiments.Order());
        Assert.Equal("out_of_scope", m.OutOfScopeLabel);
    }
}
